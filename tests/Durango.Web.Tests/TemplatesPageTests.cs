using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class TemplatesPageTests(BrowserFixture web)
{
    [Fact]
    public async Task TemplatesPage_InstalledTemplate_ListsViewsAndSubmitsItWithAParameter()
    {
        await web.InstallTemplateAsync(BrowserFixture.Yaml("greeting-template.yaml"));
        web.Open($"/workflow-templates/{BrowserFixture.Namespace}");

        var link = await web.WaitAsync(d => d.FindElements(By.CssSelector("#template-rows a")).FirstOrDefault(a => a.Text == "greeting"), "the template in the list");
        link.Click();
        var yaml = await web.WaitAsync(d => d.FindElement(By.Id("template-yaml")) is { Text.Length: > 0 } e ? e : null, "the template's YAML");
        Assert.Contains("echo greetings {{inputs.parameters.who}}", yaml.Text, StringComparison.Ordinal);
        web.Driver.FindElement(By.Id("template-submit")).Click();
        var who = await web.WaitAsync(d => d.FindElement(By.Id("param-who")) is { } e && e.GetAttribute("value") == "world" ? e : null, "the parameters form from the template");
        who.Clear();
        who.SendKeys("templates");
        web.Driver.FindElement(By.Id("submit-button")).Click();

        var path = await web.WaitAsync(d => new Uri(d.Url).AbsolutePath is var p && p.StartsWith($"/workflows/{BrowserFixture.Namespace}/greeting-", StringComparison.Ordinal) ? p : null, "the new workflow's page");
        await web.WaitForPhaseAsync(path.Split('/')[^1], "Succeeded");
        (await web.NodeAsync("[data-phase='Succeeded'][data-template='main']", "the step Succeeded")).Click();
        await web.WaitAsync(d => d.FindElement(By.Id("node-log")).Text.Contains("greetings templates", StringComparison.Ordinal) ? "yes" : null, "the log with the parameter");
    }
}
