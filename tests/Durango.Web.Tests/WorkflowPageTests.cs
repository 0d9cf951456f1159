using System.Text.Json;
using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class WorkflowPageTests(BrowserFixture web)
{
    [Fact]
    public async Task WorkflowPage_ExitHandlerSeed_ShowsEachNodesPhase()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("exit-handlers.yaml"));
        await web.WaitForPhaseAsync(name, "Failed", "Error", "Succeeded");

        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");

        Assert.Equal("Failed", (await web.NodeAsync("[data-template='intentional-fail']", "intentional-fail")).GetAttribute("data-phase"));
        Assert.Equal("Skipped", (await web.NodeAsync("[data-name='celebrate']", "celebrate")).GetAttribute("data-phase"));
        Assert.Equal("Succeeded", (await web.NodeAsync("[data-name='cry']", "cry")).GetAttribute("data-phase"));
        Assert.Equal("Succeeded", (await web.NodeAsync("[data-name='notify']", "notify")).GetAttribute("data-phase"));
        var skipped = await web.NodeAsync("[data-name='celebrate']", "celebrate");
        Assert.Contains("when", skipped.FindElement(By.CssSelector("text.sub")).Text, StringComparison.Ordinal);
        Assert.Equal("Failed", web.Driver.FindElement(By.Id("wf-phase")).GetAttribute("data-phase"));
    }

    [Fact]
    public async Task NodePanel_ClickOnNode_ShowsItsLog()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("exit-handlers.yaml"));
        await web.WaitForPhaseAsync(name, "Failed", "Error", "Succeeded");
        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");

        (await web.NodeAsync("[data-name='notify']", "notify")).Click();

        var log = await web.WaitAsync(d => d.FindElement(By.Id("node-log")) is var e && e.Text.Contains("send e-mail:", StringComparison.Ordinal) ? e : null, "notify's log");
        Assert.Contains(name, log.Text, StringComparison.Ordinal);
        Assert.Equal("send-email", web.Driver.FindElement(By.Id("node-template")).Text);
        Assert.StartsWith($"{name}-send-email-", web.Driver.FindElement(By.Id("node-pod")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePanel_StepWithArtifacts_LinksArgoServersDownloadRoutes()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("artifacts.yaml"));
        Assert.Equal("Succeeded", await web.WaitForPhaseAsync(name, "Failed", "Error", "Succeeded"));
        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");

        (await web.NodeAsync("[data-name='make']", "make")).Click();
        var output = await web.WaitAsync(d => d.FindElements(By.CssSelector("a[data-artifact='note']")).FirstOrDefault(), "the output artifact's link");
        var href = new Uri(output.GetAttribute("href")!).AbsolutePath;
        (await web.NodeAsync("[data-name='read']", "read")).Click();
        var input = await web.WaitAsync(d => d.FindElements(By.CssSelector("a[data-artifact='note']")).FirstOrDefault(a => a.GetAttribute("href")!.Contains("/input-artifacts/", StringComparison.Ordinal)), "the input artifact's link");

        Assert.Matches($"^/artifacts/{BrowserFixture.Namespace}/{name}/{name}-[0-9]+/note$", href);
        foreach (var path in new[] { href, new Uri(input.GetAttribute("href")!).AbsolutePath })
        {
            using var response = await web.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("filename=\"note.tgz\"", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        }
    }

    // Argo UI's resume of a suspend node that waits for a supplied output: the panel sets the value typed in its field
    // and resumes the node; the next step gets the value (markup in it stays text), and the form goes with the wait.
    [Fact]
    public async Task NodePanel_WaitingSuspendNode_ResumeSetsItsSuppliedOutput()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("approval.yaml"));
        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");
        (await web.NodeAsync("[data-name='approve'][data-phase='Running']", "the suspend node waiting")).Click();

        (await web.WaitAsync(d => d.FindElement(By.Id("supplied-message")), "the supplied output's field")).SendKeys("approved by <b>me</b>");
        web.Driver.FindElement(By.Id("node-resume")).Click();

        Assert.Equal("Succeeded", await web.WaitForPhaseAsync(name, "Failed", "Error", "Succeeded"));
        await web.WaitAsync(d => d.FindElements(By.Id("node-resume-form")).Count == 0 ? d : null, "the form gone once the node has ended");
        using var workflow = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/v1/workflows/{BrowserFixture.Namespace}/{name}"));
        var release = workflow.RootElement.GetProperty("status").GetProperty("nodes").EnumerateObject()
            .Single(n => n.Value.GetProperty("displayName").GetString() == "release").Value;
        Assert.Equal("approved by <b>me</b>", release.GetProperty("inputs").GetProperty("parameters")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task StopButton_RunningWorkflow_StopsItAndItsExitHandlerAppears()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("stoppable.yaml"));
        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");
        await web.NodeAsync("[data-name='wait'][data-phase='Running']", "the step running");

        await web.ClickConfirmedAsync("action-stop");

        var phase = await web.WaitAsync(d => d.FindElement(By.Id("wf-phase")).GetAttribute("data-phase") is { } p && p is "Failed" or "Error" or "Succeeded" ? p : null, "the workflow stopped");
        Assert.Equal("Failed", phase);
        var handler = await web.NodeAsync("[data-template='goodbye'][data-phase='Succeeded']", "the exit handler's node, Succeeded");
        Assert.EndsWith(".onExit", handler.GetAttribute("data-name"), StringComparison.Ordinal);
        Assert.Equal("Failed", (await web.NodeAsync("[data-name='wait']", "the stopped step")).GetAttribute("data-phase"));
    }
}
