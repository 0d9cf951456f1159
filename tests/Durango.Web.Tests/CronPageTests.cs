using System.Text;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Durango.Web.Tests;

[Collection(BrowserCollection.Name)]
public class CronPageTests(BrowserFixture web)
{
    private const string Schedule = "*/2 * * * * *";

    private static string Cron(string name) => """
        {"namespace": "NAMESPACE", "cronWorkflow": {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
          "metadata": {"name": "NAME"},
          "spec": {"schedules": ["SCHEDULE"], "concurrencyPolicy": "Forbid",
            "workflowSpec": {"entrypoint": "main", "templates": [{"name": "main",
              "container": {"image": "alpine", "command": ["echo", "tick"]}}]}}}}
        """.Replace("NAMESPACE", BrowserFixture.Namespace, StringComparison.Ordinal)
        .Replace("\"NAME\"", $"\"{name}\"", StringComparison.Ordinal)
        .Replace("SCHEDULE", Schedule, StringComparison.Ordinal);

    [Fact]
    public async Task CronPage_EveryTwoSeconds_ListsItShowsItsWorkflowsAndSuspendsAfterConfirmation()
    {
        var name = $"tick-{Guid.NewGuid():N}"[..16];
        using (var created = await web.Http.PostAsync($"/api/v1/cron-workflows/{BrowserFixture.Namespace}", new StringContent(Cron(name), Encoding.UTF8, "application/json")))
        {
            Assert.True(created.IsSuccessStatusCode, $"cron create answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        try
        {
            web.Open($"/cron-workflows/{BrowserFixture.Namespace}");
            var row = await web.WaitAsync(d => d.FindElement(By.CssSelector($"#cron-rows tr[data-name='{name}']")), "the cron in the list");
            Assert.Equal(Schedule, row.FindElement(By.CssSelector(".cron-schedules")).Text);
            Assert.Equal("No", row.FindElement(By.CssSelector(".cron-suspended")).Text);

            row.FindElement(By.CssSelector("a.cron-link")).Click();
            await web.WaitAsync(d => d.FindElement(By.Id("cron-schedules")).Text == Schedule ? "yes" : null, "the cron's page with its schedule");
            var href = await web.WaitAsync(
                d => d.FindElements(By.CssSelector("#cron-wf-rows a.wf-link")).Select(a => a.GetAttribute("href")).FirstOrDefault(h => h is not null && h.Contains($"/workflows/{BrowserFixture.Namespace}/{name}-", StringComparison.Ordinal)),
                "a workflow the cron started, linked to its page");
            Assert.Matches($"/workflows/{BrowserFixture.Namespace}/{name}-[0-9]{{10}}$", href);
            Assert.Contains("kind: CronWorkflow", web.Driver.FindElement(By.Id("cron-yaml")).Text, StringComparison.Ordinal);

            await web.ClickConfirmedAsync("cron-suspend");
            await web.WaitAsync(d => d.FindElement(By.Id("cron-state")).Text == "Suspended" && d.FindElement(By.Id("cron-suspended")).Text == "Yes" ? "yes" : null, "the cron shown suspended");
            await web.WaitAsync(d => d.FindElement(By.Id("cron-resume")).Enabled && !d.FindElement(By.Id("cron-suspend")).Enabled ? "yes" : null, "resume offered, suspend not");
            var stored = JsonNode.Parse(await web.Http.GetStringAsync($"/api/v1/cron-workflows/{BrowserFixture.Namespace}/{name}"))!;
            Assert.True(stored["spec"]!["suspend"]!.GetValue<bool>());

            web.Open($"/cron-workflows/{BrowserFixture.Namespace}");
            await web.WaitAsync(d => d.FindElement(By.CssSelector($"#cron-rows tr[data-name='{name}'] .cron-suspended")).Text == "Suspended" ? "yes" : null, "the list showing it suspended");
        }
        finally
        {
            using var deleted = await web.Http.DeleteAsync($"/api/v1/cron-workflows/{BrowserFixture.Namespace}/{name}");
        }
    }
}
