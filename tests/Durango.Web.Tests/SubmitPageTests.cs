using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class SubmitPageTests(BrowserFixture web)
{
    [Fact]
    public async Task SubmitPage_YamlWithAnError_ShowsTheDiagnosticAtItsLine()
    {
        web.Open("/submit");
        var editor = await web.WaitAsync(d => d.FindElement(By.Id("yaml-input")), "the editor");
        await web.WaitAsync(d => d.FindElement(By.Id("lint-state")).Text is "valid" or "invalid" ? "linted" : null, "the sample linted");

        editor.Clear();
        web.Driver.ExecuteScript("const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event('input'));", editor, BrowserFixture.Yaml("invalid.yaml"));

        var item = await web.WaitAsync(d => d.FindElements(By.CssSelector("#diagnostics li.diagnostic")).FirstOrDefault(), "a diagnostic");
        Assert.Equal("11", item.GetAttribute("data-line"));
        Assert.Contains("line 11, column 7", item.Text, StringComparison.Ordinal);
        Assert.Contains("commandd", item.Text, StringComparison.Ordinal);
        var marked = web.Driver.FindElements(By.CssSelector(".gutter .line-number.mark-error")).Select(e => e.GetAttribute("data-line")).ToList();
        Assert.Equal(["11"], marked);
        Assert.Equal("invalid", web.Driver.FindElement(By.Id("lint-state")).Text);
    }

    [Fact]
    public async Task SubmitPage_ValidYaml_SubmitsAndOpensTheWorkflow()
    {
        web.Open("/submit");
        await web.WaitAsync(d => d.FindElement(By.Id("lint-state")).Text == "valid" ? "valid" : null, "the sample valid");
        var who = await web.WaitAsync(d => d.FindElement(By.Id("param-who")), "the parameter form");
        who.Clear();
        who.SendKeys("browser");

        web.Driver.FindElement(By.Id("submit-button")).Click();

        var path = await web.WaitAsync(d => new Uri(d.Url).AbsolutePath is var p && p.StartsWith($"/workflows/{BrowserFixture.Namespace}/hello-", StringComparison.Ordinal) ? p : null, "the new workflow's page");
        var name = path.Split('/')[^1];
        await web.WaitForPhaseAsync(name, "Succeeded");
        (await web.NodeAsync("[data-phase='Succeeded']", "the node Succeeded")).Click();
        await web.WaitAsync(d => d.FindElement(By.Id("node-log")).Text.Contains("hello browser", StringComparison.Ordinal) ? "yes" : null, "the log with the parameter");
    }
}
