using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class ListPageTests(BrowserFixture web)
{
    [Fact]
    public async Task ListPage_WorkflowSubmittedWhileOpen_AppearsAndUpdatesItsPhase()
    {
        web.Open($"/workflows/{BrowserFixture.Namespace}");
        await web.WaitAsync(d => d.FindElement(By.Id("live-state")).Text == "live" ? "open" : null, "the events stream");

        var name = await web.SubmitAsync(BrowserFixture.Yaml("slow.yaml"));

        var row = await web.WaitAsync(d => d.FindElements(By.CssSelector($"tr.wf-row[data-name='{name}']")).FirstOrDefault(), $"row {name}");
        Assert.Contains(name, row.Text, StringComparison.Ordinal);
        await web.WaitForPhaseAsync(name, "Succeeded");
        var done = await web.WaitAsync(d => d.FindElement(By.CssSelector($"tr.wf-row[data-name='{name}']")).GetAttribute("data-phase") == "Succeeded" ? "yes" : null,
            $"{name} Succeeded in the list without a reload");
        Assert.Equal("yes", done);
        Assert.Contains("Succeeded", web.Driver.FindElement(By.CssSelector($"tr.wf-row[data-name='{name}']")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_RootPath_RedirectsToTheDefaultNamespace()
    {
        web.Open("/");

        var path = await web.WaitAsync(d => new Uri(d.Url).AbsolutePath is var p && p.StartsWith("/workflows/", StringComparison.Ordinal) ? p : null, "the list's URL");

        Assert.Equal($"/workflows/{BrowserFixture.Namespace}", path);
    }
}
