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
