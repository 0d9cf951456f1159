using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

/// <summary>
/// CronWorkflows over argo-server's <c>/api/v1/cron-workflows</c> routes on <c>durango serve</c>: created with a
/// schedule every second (six fields, Durango's extension, so the test waits seconds, not minutes), they start
/// workflows named <c>{cron}-{unix seconds}</c>, labelled and annotated as Argo does, that see
/// <c>{{workflow.scheduledTime}}</c>; suspend stops the ticks, delete ends them; the CLI drives the same routes.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class CronApiTests(ServeFixture serve)
{
    private static string Cron(string name, string extra = "") => """
        {"namespace": "argo", "cronWorkflow": {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
          "metadata": {"name": "NAME"},
          "spec": {"schedules": ["* * * * * *"], "concurrencyPolicy": "Forbid", EXTRA
            "workflowMetadata": {"labels": {"team": "cron"}},
            "workflowSpec": {"entrypoint": "main", "templates": [{"name": "main",
              "container": {"image": "alpine", "command": ["echo", "scheduled {{workflow.scheduledTime}}"]}}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("EXTRA", extra, StringComparison.Ordinal);

    [Fact]
    public async Task Create_EverySecond_StartsLabelledWorkflowsThatSeeTheScheduledTime()
    {
        var name = $"tick-{Guid.NewGuid():N}"[..16];
        using var created = await serve.Http.PostAsync("/api/v1/cron-workflows/argo", new StringContent(Cron(name)));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("CronWorkflow", body["kind"]!.GetValue<string>());
        Assert.Equal("Active", body["status"]!["phase"]!.GetValue<string>());

        var first = await Eventually.ValueAsync(async () =>
        {
            var list = await serve.Http.GetFromJsonAsync<WorkflowList>($"/api/v1/workflows/argo?listOptions.labelSelector=workflows.argoproj.io/cron-workflow%3D{name}", WorkflowJson.Options);
            return list!.Items?.FirstOrDefault(w => w.Status.Phase.IsFinished());
        }, "a finished workflow of the cron");

        Assert.Matches($"^{name}-[0-9]{{10}}$", first.Metadata.Name);
        Assert.Equal(WorkflowPhase.Succeeded, first.Status.Phase);
        Assert.Equal("cron", first.Metadata.Labels["team"]);
        var view = await serve.WaitAsync(first.Metadata.Name);
        var scheduled = DateTimeOffset.FromUnixTimeSeconds(long.Parse(first.Metadata.Name[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var text = scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(text, view.Metadata.Annotations["workflows.argoproj.io/scheduled-time"]);
        Assert.Equal($"scheduled {text}", view.Node(first.Metadata.Name).Outputs?.Result);

        // The cron's status is its orchestration's, saved when its episode ends: a quick workflow can finish before it.
        await Eventually.HoldsAsync(async () =>
            JsonNode.Parse(await serve.Http.GetStringAsync($"/api/v1/cron-workflows/argo/{name}"))!["status"]!["lastScheduledTime"] is not null,
            $"{name} to show its lastScheduledTime");

        using var suspended = await serve.Http.PutAsync($"/api/v1/cron-workflows/argo/{name}/suspend", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.True(JsonNode.Parse(await suspended.Content.ReadAsStringAsync())!["spec"]!["suspend"]!.GetValue<bool>());
        await Eventually.HoldsAsync(async () =>
            JsonNode.Parse(await serve.Http.GetStringAsync($"/api/v1/cron-workflows/argo/{name}"))!["status"]!["durangoNextScheduledTime"] is null,
            "the suspended cron to stop waiting for ticks");

        var cli = await serve.DurangoAsync("cron", "list");
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains($"{name}  * * * * * *  true", cli.Stdout, StringComparison.Ordinal);
        var deleted = await serve.DurangoAsync("cron", "delete", name);
        Assert.Equal(0, deleted.ExitCode);
        using var gone = await serve.Http.GetAsync($"/api/v1/cron-workflows/argo/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Lint_InvalidScheduleAndZone_Are400WithLineAndColumn()
    {
        var yaml = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: bad}\nspec:\n  schedules: [\"61 * * * *\"]\n  timezone: Mars/Olympus\n  workflowSpec: {entrypoint: m, templates: [{name: m, suspend: {}}]}\n";

        using var answer = await serve.Http.PostAsync("/api/v1/cron-workflows/argo/lint", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains("spec.schedules[0]", text, StringComparison.Ordinal);
        Assert.Contains("spec.timezone", text, StringComparison.Ordinal);
        Assert.Contains("\"line\":5", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFromCronWorkflow_StartsItsWorkflowOnce()
    {
        var name = $"once-{Guid.NewGuid():N}"[..16];
        using var created = await serve.Http.PostAsync("/api/v1/cron-workflows/argo", new StringContent(Cron(name, "\"suspend\": true,")));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        using var submitted = await serve.Http.PostAsync("/api/v1/workflows/argo/submit",
            new StringContent($$"""{"resourceKind": "CronWorkflow", "resourceName": "{{name}}"}"""));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var workflow = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        Assert.StartsWith($"{name}-", workflow["metadata"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(name, workflow["metadata"]!["labels"]!["workflows.argoproj.io/cron-workflow"]!.GetValue<string>());
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(workflow["metadata"]!["name"]!.GetValue<string>())).Status.Phase);
    }
}
