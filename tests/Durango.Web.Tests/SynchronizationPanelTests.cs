using Durango.Testing;
using OpenQA.Selenium;

namespace Durango.Web.Tests;

/// <summary>
/// The workflow page shows <c>status.synchronization</c> as Argo UI's synchronization panel does: the waiter sees
/// "Waiting for ... lock" and who holds it, the holder sees what it holds (real <c>durango serve</c>, headless Chromium).
/// </summary>
[Collection(BrowserCollection.Name)]
public class SynchronizationPanelTests(BrowserFixture web)
{
    [Fact]
    public async Task WorkflowPage_MutexHeldByAnother_ShowsWaitingForTheLockAndItsHolder()
    {
        var mutex = "web-" + Guid.NewGuid().ToString("N")[..8];
        var yaml = $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: mutexed-}
            spec:
              entrypoint: main
              synchronization: {mutexes: [{name: {{mutex}}}]}
              templates:
                - name: main
                  container: {image: alpine, command: [sh, -c, "sleep 300"]}
            """;
        var holder = await web.SubmitAsync(yaml);
        // Wait until the API says the first workflow holds the mutex, so that the second is the one that waits.
        await Eventually.ValueAsync(async () => (await web.Http.GetStringAsync($"/api/v1/workflows/{BrowserFixture.Namespace}/{holder}"))
            .Contains("\"holding\"", StringComparison.Ordinal) ? "held" : null, $"{holder} to hold the mutex");
        var waiter = await web.SubmitAsync(yaml);
        var key = $"{BrowserFixture.Namespace}/Mutex/{mutex}";
        try
        {
            web.Open($"/workflows/{BrowserFixture.Namespace}/{waiter}");
            // The summary is drawn again at each update: read everything in one probe, so no element goes stale between reads.
            string waiting;
            try
            {
                waiting = await web.WaitAsync(d => d.FindElements(By.CssSelector("#wf-synchronization .sync-waiting")).Select(e => e.Text)
                    .FirstOrDefault(t => t.Contains("held by", StringComparison.Ordinal)), "the waiter's synchronization panel");
            }
            catch (TimeoutException e)
            {
                var api = await web.Http.GetStringAsync($"/api/v1/workflows/{BrowserFixture.Namespace}/{waiter}");
                var shown = web.Driver.FindElements(By.XPath("//*[@id='summary']/..")).FirstOrDefault()?.GetAttribute("outerHTML");
                throw new TimeoutException($"{e.Message}\nAPI: {api[api.IndexOf("\"status\"", StringComparison.Ordinal)..]}\nsummary: {shown}", e);
            }

            Assert.Equal($"Waiting for {key} lock (held by {BrowserFixture.Namespace}/{holder})", waiting);
            var (lockShown, message) = await web.WaitAsync(d => Tuple.Create(
                d.FindElement(By.CssSelector("#wf-synchronization .sync-row[data-state='Waiting']")).GetAttribute("data-lock"),
                d.FindElement(By.Id("wf-message")).Text), "the waiting row and the message");
            Assert.Equal(key, lockShown);
            Assert.Contains($"Waiting for {key} lock", message, StringComparison.Ordinal);

            web.Open($"/workflows/{BrowserFixture.Namespace}/{holder}");
            var (heldLock, heldBy, waits) = await web.WaitAsync(d => d.FindElement(By.CssSelector("#wf-synchronization .sync-row[data-state='Holding']")) is var row
                ? Tuple.Create(row.GetAttribute("data-lock"), row.FindElement(By.CssSelector(".sync-holders")).Text, d.FindElements(By.CssSelector("#wf-synchronization .sync-waiting")).Count)
                : null, "the holder's synchronization panel");
            Assert.Equal(key, heldLock);
            Assert.Equal($"{BrowserFixture.Namespace}/{holder}", heldBy);
            Assert.Equal(0, waits);
        }
        finally
        {
            foreach (var name in new[] { waiter, holder })
            {
                using var response = await web.Http.PutAsync($"/api/v1/workflows/{BrowserFixture.Namespace}/{name}/terminate", null);
            }
        }
    }
}
