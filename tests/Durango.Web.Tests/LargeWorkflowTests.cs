using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Durango.Web.Tests;

/// <summary>
/// A 2,000-node workflow in the browser: every node is drawn and the page answers clicks. The times are printed for
/// the README, never asserted (no wall-clock checks in tests).
/// </summary>
[Collection(BrowserCollection.Name)]
public class LargeWorkflowTests(BrowserFixture web, ITestOutputHelper output)
{
    [Theory]
    [InlineData("big.yaml")]
    [InlineData("deep.yaml")]
    public async Task WorkflowPage_TwoThousandNodes_DrawsEveryNodeAndAnswersClicks(string file)
    {
        var name = await web.SubmitAsync(BrowserFixture.Yaml(file));
        await web.WaitForPhaseAsync(name, "Succeeded", "Failed", "Error");
        using var workflow = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/v1/workflows/{BrowserFixture.Namespace}/{name}"));
        var expected = workflow.RootElement.GetProperty("status").GetProperty("nodes").EnumerateObject().Count();
        Assert.True(expected >= 2000, $"{expected} nodes");

        web.Open($"/workflows/{BrowserFixture.Namespace}/{name}");
        var drawn = await web.WaitAsync(d => ((IJavaScriptExecutor)d).ExecuteScript("return document.querySelectorAll('g.node').length") is long count && count == expected ? (object)count : null, "every node drawn");

        var measured = (string?)web.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
            (async () => {
              await frame();
              const mark = performance.getEntriesByName('durango-graph')[0];
              const nav = performance.getEntriesByType('navigation')[0];
              const nodes = document.querySelectorAll('g.node');
              let t = performance.now();
              nodes[Math.floor(nodes.length / 2)].dispatchEvent(new MouseEvent('click', { bubbles: true }));
              await frame();
              const click = performance.now() - t;
              const fit = [...document.querySelectorAll('.graph-toolbar button')].find(b => b.textContent === 'fit');
              t = performance.now();
              fit.click();
              await frame();
              const zoom = performance.now() - t;
              const viewport = document.getElementById('graph-viewport');
              t = performance.now();
              viewport.scrollTop = viewport.scrollHeight / 2; viewport.scrollLeft = viewport.scrollWidth / 2;
              await frame();
              const scroll = performance.now() - t;
              done(JSON.stringify({ update: mark.detail.ms, drawnAt: mark.startTime, loaded: nav ? nav.domContentLoadedEventEnd : 0, click, zoom, scroll,
                width: document.querySelector('svg.graph').viewBox.baseVal.width, height: document.querySelector('svg.graph').viewBox.baseVal.height }));
            })();
            """) ?? "{}";
        using var times = JsonDocument.Parse(measured);
        var t = times.RootElement;
        string Ms(string key) => t.GetProperty(key).GetDouble().ToString("F0", CultureInfo.InvariantCulture);
        output.WriteLine($"{file}: {drawn} nodes; graph update (layout + DOM) {Ms("update")} ms; graph drawn {Ms("drawnAt")} ms after navigation start; " +
            $"node click to next frame {Ms("click")} ms; fit zoom {Ms("zoom")} ms; scroll {Ms("scroll")} ms; canvas {Ms("width")} x {Ms("height")} px");

        Assert.Equal(expected, (long)drawn);
        await web.WaitAsync(d => d.FindElement(By.Id("node-details")), "the node panel after the click");
    }
}
