using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Testing;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// CronWorkflow ticks survive their host: <c>durango serve</c> on Azurite is killed (SIGKILL) while two CronWorkflows
/// wait for the same tick, and started again after the tick has passed by more than the on-time grace. The one with
/// <c>startingDeadlineSeconds: 120</c> starts its workflow <c>{cron}-{unix seconds}</c> for the missed tick; the one
/// without a deadline starts nothing and says it missed the tick, as Argo's <c>shouldOutstandingWorkflowsBeRun</c>.
/// </summary>
public sealed class CronRestartTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _hub = AzuriteFixture.NewTaskHub("cron");
    private readonly string _root = Path.Combine("/var/tmp", "durango-cron-tests", Guid.NewGuid().ToString("N"));
    private ServeProcess? _serve;
    private HttpClient _http = new();

    public CronRestartTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await StartServeAsync(port: null);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TickMissedWhileDown_StartsAfterRestart_OnlyWithinStartingDeadlineSeconds()
    {
        // One tick, a few seconds ahead, written as a six-field (seconds) cron expression in UTC.
        var tick = DateTimeOffset.UtcNow.AddSeconds(8);
        tick = new DateTimeOffset(tick.Year, tick.Month, tick.Day, tick.Hour, tick.Minute, tick.Second, TimeSpan.Zero);
        var schedule = string.Create(CultureInfo.InvariantCulture, $"{tick.Second} {tick.Minute} {tick.Hour} {tick.Day} {tick.Month} *");
        await CreateAsync("late-ok", schedule, "\"startingDeadlineSeconds\": 120,");
        await CreateAsync("late-no", schedule, string.Empty);
        foreach (var name in new[] { "late-ok", "late-no" })
        {
            await Eventually.HoldsAsync(async () => (await GetAsync(name))["status"]?["durangoNextScheduledTime"]?.GetValue<string>() == Text(tick), $"{name} to wait for its tick");
        }

        await _serve!.KillAsync();
        var down = tick + TimeSpan.FromSeconds(14) - DateTimeOffset.UtcNow;
        if (down > TimeSpan.Zero)
        {
            await Task.Delay(down); // the host stays down until the tick is past the on-time grace (10 s)
        }

        await StartServeAsync(_serve.Port);

        var workflow = $"late-ok-{tick.ToUnixTimeSeconds()}";
        var started = await Eventually.ValueAsync(async () =>
        {
            using var answer = await _http.GetAsync($"/api/v1/workflows/argo/{workflow}");
            return answer.IsSuccessStatusCode ? JsonNode.Parse(await answer.Content.ReadAsStringAsync()) : null;
        }, "the missed tick's workflow");
        Assert.Equal("late-ok", started!["metadata"]!["labels"]!["workflows.argoproj.io/cron-workflow"]!.GetValue<string>());
        Assert.Equal(Text(tick), started["metadata"]!["annotations"]!["workflows.argoproj.io/scheduled-time"]!.GetValue<string>());

        var missed = await Eventually.ValueAsync(async () => (await GetAsync("late-no"))["status"]?["conditions"]?[0]?["message"]?.GetValue<string>(), "late-no to record the missed tick");
        Assert.Contains("missed the tick", missed, StringComparison.Ordinal);
        using var none = await _http.GetAsync($"/api/v1/workflows/argo/late-no-{tick.ToUnixTimeSeconds()}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode);
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task CreateAsync(string name, string schedule, string extra)
    {
        var body = """
            {"cronWorkflow": {"metadata": {"name": "NAME"}, "spec": {"schedules": ["SCHEDULE"], EXTRA
              "workflowSpec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine", "command": ["true"]}}]}}}}
            """.Replace("NAME", name, StringComparison.Ordinal).Replace("SCHEDULE", schedule, StringComparison.Ordinal).Replace("EXTRA", extra, StringComparison.Ordinal);
        using var answer = await _http.PostAsync("/api/v1/cron-workflows/argo", new StringContent(body));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> GetAsync(string name) => JsonNode.Parse(await _http.GetStringAsync($"/api/v1/cron-workflows/argo/{name}"))!;

    private async Task StartServeAsync(int? port)
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _serve = await ServeProcess.StartAsync(
            ["--storage", _azurite.Server.ConnectionString, "--task-hub", _hub],
            new Dictionary<string, string> { ["Durango__WorkDirectory"] = Path.Combine(_root, "work") },
            port);
        _http.Dispose();
        _http = RetryAfterHandler.Client(_serve.BaseUrl);
    }
}
