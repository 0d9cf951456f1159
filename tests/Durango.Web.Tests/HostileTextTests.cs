using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class HostileTextTests(BrowserFixture web)
{
    [Fact]
    public async Task WorkflowPage_MarkupInParameterAndLog_StaysText()
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml("hostile.yaml"));
        await web.WaitForPhaseAsync(name, "Failed", "Error");

        web.Open($"/workflows/{BrowserFixture.Namespace}/{Uri.EscapeDataString(name)}");
        Assert.Equal(name, (await web.WaitAsync(d => d.FindElement(By.Id("wf-title")) is { Text.Length: > 0 } e ? e : null, "the title")).Text);
        (await web.NodeAsync("[data-template='main']", "the node")).Click();
        var log = await web.WaitAsync(d => d.FindElement(By.Id("node-log")).Text is var t && t.Contains("<script>", StringComparison.Ordinal) ? t : null, "the log");
        web.Driver.FindElement(By.Id("tab-parameters")).Click();
        var parameters = await web.WaitAsync(d => d.FindElement(By.Id("workflow-parameters")), "the parameters");

        Assert.Contains("<script>window.pwned=2</script><img src=x id=pwned-log onerror=window.pwned=3>", log, StringComparison.Ordinal);
        Assert.Contains("<img src=x id=pwned-param onerror=\"window.pwned=1\">\"'", parameters.Text, StringComparison.Ordinal);
        Assert.Empty(web.Driver.FindElements(By.CssSelector("#main img, #main script, #pwned-param, #pwned-log")));
        Assert.Null(web.Driver.ExecuteScript("return window.pwned === undefined ? null : window.pwned;"));

        web.Open($"/workflows/{BrowserFixture.Namespace}");
        var link = await web.WaitAsync(d => d.FindElements(By.CssSelector("a.wf-link")).FirstOrDefault(a => a.Text == name), "the list's link");
        Assert.Empty(web.Driver.FindElements(By.CssSelector("#main img")));
        Assert.Null(web.Driver.ExecuteScript("return window.pwned === undefined ? null : window.pwned;"));
        Assert.NotNull(link);
    }
}
