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
    private RestartableServe? _host;

    public CronRestartTests(AzuriteFixture azurite) => _azurite = azurite;

    private HttpClient Http => _host!.Http;

    public async Task InitializeAsync() => _host = await RestartableServe.StartAsync(_azurite.Server, "cron");

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task TickMissedWhileDown_StartsAfterRestart_OnlyWithinStartingDeadlineSeconds()
    {
        // One tick, far enough ahead that both CronWorkflows are waiting for it even on a loaded machine, written as a
        // six-field (seconds) cron expression in UTC.
        var tick = DateTimeOffset.UtcNow.AddSeconds(20);
        tick = new DateTimeOffset(tick.Year, tick.Month, tick.Day, tick.Hour, tick.Minute, tick.Second, TimeSpan.Zero);
        var schedule = string.Create(CultureInfo.InvariantCulture, $"{tick.Second} {tick.Minute} {tick.Hour} {tick.Day} {tick.Month} *");
        await CreateAsync("late-ok", schedule, "\"startingDeadlineSeconds\": 120,");
        await CreateAsync("late-no", schedule, string.Empty);
        foreach (var name in new[] { "late-ok", "late-no" })
        {
            await Eventually.HoldsAsync(async () => (await GetAsync(name))["status"]?["durangoNextScheduledTime"]?.GetValue<string>() == Text(tick), $"{name} to wait for its tick");
        }

        await _host!.KillAsync();
        var down = tick + TimeSpan.FromSeconds(14) - DateTimeOffset.UtcNow;
        if (down > TimeSpan.Zero)
        {
            await Task.Delay(down); // the host stays down until the tick is past the on-time grace (10 s)
        }

        await _host.RestartAsync();

        var workflow = $"late-ok-{tick.ToUnixTimeSeconds()}";
        var started = await Eventually.ValueAsync(async () =>
        {
            using var answer = await Http.GetAsync($"/api/v1/workflows/argo/{workflow}");
            return answer.IsSuccessStatusCode ? JsonNode.Parse(await answer.Content.ReadAsStringAsync()) : null;
        }, "the missed tick's workflow");
        Assert.Equal("late-ok", started!["metadata"]!["labels"]!["workflows.argoproj.io/cron-workflow"]!.GetValue<string>());
        Assert.Equal(Text(tick), started["metadata"]!["annotations"]!["workflows.argoproj.io/scheduled-time"]!.GetValue<string>());

        var missed = await Eventually.ValueAsync(async () => (await GetAsync("late-no"))["status"]?["conditions"]?[0]?["message"]?.GetValue<string>(), "late-no to record the missed tick");
        Assert.Contains("missed the tick", missed, StringComparison.Ordinal);
        using var none = await Http.GetAsync($"/api/v1/workflows/argo/late-no-{tick.ToUnixTimeSeconds()}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode);
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task CreateAsync(string name, string schedule, string extra)
    {
        var body = """
            {"cronWorkflow": {"metadata": {"name": "NAME"}, "spec": {"schedules": ["SCHEDULE"], EXTRA
              "workflowSpec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine", "command": ["true"]}}]}}}}
            """.Replace("NAME", name, StringComparison.Ordinal).Replace("SCHEDULE", schedule, StringComparison.Ordinal).Replace("EXTRA", extra, StringComparison.Ordinal);
        using var answer = await Http.PostAsync("/api/v1/cron-workflows/argo", new StringContent(body));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> GetAsync(string name) => JsonNode.Parse(await Http.GetStringAsync($"/api/v1/cron-workflows/argo/{name}"))!;
}
