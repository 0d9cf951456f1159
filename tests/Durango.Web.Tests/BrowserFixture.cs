using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Durango.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Durango.Web.Tests;

/// <summary>One <c>durango serve</c> on 127.0.0.1 and one headless Chromium, shared by every browser test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The namespace the tests use (the server's managed namespace).</summary>
    public const string Namespace = "argo";

    private ServeProcess? _server;
    private ChromeDriver? _driver;

    public ServeProcess Server => _server ?? throw new InvalidOperationException("not started");

    public ChromeDriver Driver => _driver ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        _driver = Browser.Start();
        _server = await ServeProcess.StartAsync([]);
        Http.BaseAddress = new Uri(_server.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Opens <paramref name="path"/> of the server in the browser.</summary>
    public void Open(string path) => Driver.Navigate().GoToUrl(Server.BaseUrl + path);

    /// <summary>Submits <paramref name="yaml"/> through the API and returns the created workflow's name.</summary>
    public async Task<string> SubmitAsync(string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await Http.PostAsync($"/api/v1/workflows/{Namespace}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"submit answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("metadata").GetProperty("name").GetString()!;
    }

    /// <summary>Installs a WorkflowTemplate from <paramref name="yaml"/> through the API.</summary>
    public async Task InstallTemplateAsync(string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await Http.PostAsync($"/api/v1/workflow-templates/{Namespace}", content);
        Assert.True(response.IsSuccessStatusCode, $"template create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A test workflow's YAML from Workflows/.</summary>
    public static string Yaml(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file));

    /// <summary>The workflow's phase, from the API.</summary>
    public async Task<string?> PhaseAsync(string name)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/workflows/{Namespace}/{name}"));
        return json.RootElement.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var phase) ? phase.GetString() : null;
    }

    /// <summary>Waits until the API reports one of <paramref name="phases"/> for <paramref name="name"/>.</summary>
    public Task<string> WaitForPhaseAsync(string name, params string[] phases) =>
        Eventually.ValueAsync(async () => await PhaseAsync(name) is { } p && phases.Contains(p) ? p : null, $"{name} to be {string.Join(" or ", phases)}");

    /// <summary>Waits until <paramref name="probe"/> finds something in the page (stale or missing elements count as not yet).</summary>
    public Task<T> WaitAsync<T>(Func<IWebDriver, T?> probe, string what) where T : class =>
        Eventually.ValueAsync(() =>
        {
            try
            {
                return Task.FromResult(probe(Driver));
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException or InvalidOperationException)
            {
                return Task.FromResult<T?>(null);
            }
        }, what);

    /// <summary>Waits for a graph node matching <paramref name="selector"/> (CSS attribute selectors on g.node).</summary>
    public Task<IWebElement> NodeAsync(string selector, string what) =>
        WaitAsync(d => d.FindElements(By.CssSelector($"g.node{selector}")).FirstOrDefault(), what);

    /// <summary>Clicks the button and confirms the dialog that follows.</summary>
    public async Task ClickConfirmedAsync(string buttonId)
    {
        var button = await WaitAsync(d => d.FindElement(By.Id(buttonId)) is { Enabled: true } b ? b : null, $"{buttonId} enabled");
        button.Click();
        var ok = await WaitAsync(d => d.FindElement(By.Id("confirm-ok")), "the confirmation dialog");
        ok.Click();
    }
}

/// <summary>The browser tests share one fixture and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
