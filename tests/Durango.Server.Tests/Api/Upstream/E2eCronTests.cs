using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>
/// Ports of test/e2e/cron_test.go's CronSuite.TestBasic subtests, and workflow/cron/operator_test.go's
/// <c>TestMultipleSchedules</c>, on a real <c>durango serve</c>. Upstream's schedules tick every minute
/// (<c>* * * * *</c>) and its subtests wait minutes; here they tick every second (<c>* * * * * *</c>, six fields,
/// Durango's extension), so each waits seconds on a condition. Each CronWorkflow is deleted at the end.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class E2eCronTests(ServeFixture serve)
{
    private const string Crons = "/api/v1/cron-workflows/argo";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];

    private static string Cron(string name, string spec, string container = "image: argoproj/argosay:v2") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: {{name}}
        spec:
        {{spec}}
          workflowMetadata:
            labels:
              workflows.argoproj.io/test: "true"
          workflowSpec:
            entrypoint: whalesay
            templates:
              - name: whalesay
                container:
                  {{container}}
        """;

    private async Task<string> CreateAsync(string name, string yaml)
    {
        using var created = await serve.Http.PostAsync(Crons, new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        return name;
    }

    private async Task<JsonNode> GetAsync(string name) => JsonNode.Parse(await serve.Http.GetStringAsync($"{Crons}/{name}"))!;

    private async Task<IReadOnlyList<WorkflowView>> ChildrenAsync(string name) =>
        (await serve.Http.GetFromJsonAsync<WorkflowList>($"/api/v1/workflows/argo?listOptions.labelSelector=workflows.argoproj.io/cron-workflow%3D{name}", WorkflowJson.Options))!.Items ?? [];

    private static string? NextTick(JsonNode cron) => cron["status"]?["durangoNextScheduledTime"]?.GetValue<string>();

    private static int ActiveCount(JsonNode cron) => cron["status"]?["active"]?.AsArray().Count ?? 0;

    private async Task DeleteAsync(string name)
    {
        using var deleted = await serve.Http.DeleteAsync($"{Crons}/{name}");
        foreach (var child in await ChildrenAsync(name))
        {
            using var terminated = await serve.Http.PutAsync($"/api/v1/workflows/argo/{child.Metadata.Name}/terminate", new StringContent("{}"));
        }
    }

    // Ports CronSuite.TestBasic/TestBasic: a workflow of the cron succeeds and the cron shows its lastScheduledTime.
    // Also TestBasic/TestMultipleWithTimezone: two schedules in a timezone.
    [Theory]
    [InlineData("  schedules: [\"* * * * * *\"]")]
    [InlineData("  schedules: [\"* * * * * *\", \"0 0 1 * * *\"]\n  timezone: America/Los_Angeles")]
    public async Task Basic_AWorkflowSucceedsAndTheCronShowsItsLastTick(string schedules)
    {
        var name = await CreateAsync($"test-cron-wf-basic-{_suffix}", Cron($"test-cron-wf-basic-{_suffix}", $"{schedules}\n  concurrencyPolicy: Allow\n  startingDeadlineSeconds: 0\n  successfulJobsHistoryLimit: 4\n  failedJobsHistoryLimit: 2"));
        try
        {
            var succeeded = await Eventually.ValueAsync(async () => (await ChildrenAsync(name)).FirstOrDefault(w => w.Status.Phase == WorkflowPhase.Succeeded), "a succeeded workflow");
            Assert.Equal("true", succeeded.Metadata.Labels["workflows.argoproj.io/test"]);
            await Eventually.HoldsAsync(async () => (await GetAsync(name))["status"]?["lastScheduledTime"] is not null, "lastScheduledTime");
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestSuspend and TestBasic/TestResume: suspend and resume set spec.suspend.
    [Fact]
    public async Task SuspendAndResume_SetSpecSuspend()
    {
        var name = await CreateAsync($"test-cron-wf-basic-suspend-{_suffix}", Cron($"test-cron-wf-basic-suspend-{_suffix}", "  schedules: [\"* * * * *\"]\n  concurrencyPolicy: Allow"));
        try
        {
            using var suspended = await serve.Http.PutAsync($"{Crons}/{name}/suspend", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
            Assert.True((await GetAsync(name))["spec"]!["suspend"]!.GetValue<bool>());

            using var resumed = await serve.Http.PutAsync($"{Crons}/{name}/resume", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            Assert.False((await GetAsync(name))["spec"]!["suspend"]?.GetValue<bool>() ?? false);
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestBasicForbid: while its workflow runs, Forbid skips the ticks: one active workflow,
    // and no other started, after more ticks have passed (the cron's next tick moves on).
    [Fact]
    public async Task BasicForbid_OneActiveWorkflowWhileTicksPass()
    {
        var name = await CreateAsync($"test-cron-wf-basic-forbid-{_suffix}", Cron($"test-cron-wf-basic-forbid-{_suffix}", "  schedules: [\"* * * * * *\"]\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 0", "image: argoproj/argosay:v2\n          args: [sleep, 300s]"));
        try
        {
            await Eventually.HoldsAsync(async () => (await ChildrenAsync(name)).Any(w => w.Status.Phase == WorkflowPhase.Running), "a running workflow");
            var first = DateTimeOffset.Parse(await Eventually.ValueAsync(async () => NextTick(await GetAsync(name)), "the next tick"), System.Globalization.CultureInfo.InvariantCulture);
            await Eventually.HoldsAsync(
                async () => NextTick(await GetAsync(name)) is { } next && DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture) >= first.AddSeconds(2),
                "two more ticks to pass");
            var cron = await GetAsync(name);
            Assert.Equal(1, ActiveCount(cron));
            Assert.Single(await ChildrenAsync(name));
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestBasicAllow: Allow starts a workflow at every tick though the last still runs.
    [Fact]
    public async Task BasicAllow_TwoActiveWorkflows()
    {
        var name = await CreateAsync($"test-cron-wf-basic-allow-{_suffix}", Cron($"test-cron-wf-basic-allow-{_suffix}", "  schedules: [\"* * * * * *\"]\n  concurrencyPolicy: Allow\n  startingDeadlineSeconds: 0", "image: argoproj/argosay:v2\n          args: [sleep, 300s]"));
        try
        {
            await Eventually.HoldsAsync(async () => ActiveCount(await GetAsync(name)) >= 2, "two active workflows");
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestBasicReplace: Replace ends the running workflow before it starts the next; one is
    // active and the one replaced has ended.
    [Fact]
    public async Task BasicReplace_OneActiveWorkflowAndTheReplacedOneEnded()
    {
        var name = await CreateAsync($"test-cron-wf-basic-replace-{_suffix}", Cron($"test-cron-wf-basic-replace-{_suffix}", "  schedules: [\"* * * * * *\"]\n  concurrencyPolicy: Replace\n  startingDeadlineSeconds: 0", "image: argoproj/argosay:v2\n          args: [sleep, 300s]"));
        try
        {
            var children = await Eventually.ValueAsync(async () => await ChildrenAsync(name) is { Count: >= 2 } list && list.Any(w => w.Status.Phase.IsFinished()) ? list : null, "a replaced workflow");
            await Eventually.HoldsAsync(async () => ActiveCount(await GetAsync(name)) == 1, "one active workflow");
            Assert.Contains(children, w => w.Status.Phase.IsFinished() && w.Status.Phase != WorkflowPhase.Succeeded);
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestSuccessfulJobHistoryLimit and TestBasic/TestFailedJobHistoryLimit: with a limit of
    // one, once the cron has started its third workflow only one finished workflow of that outcome is kept.
    [Theory]
    [InlineData("successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 1", "[echo, hi]", WorkflowPhase.Succeeded)]
    [InlineData("successfulJobsHistoryLimit: 4\n  failedJobsHistoryLimit: 1", "[exit, \"1\"]", WorkflowPhase.Failed)]
    public async Task JobHistoryLimit_KeepsOneFinishedWorkflow(string limits, string args, WorkflowPhase phase)
    {
        var name = $"test-cron-wf-history-{phase.ToString().ToLowerInvariant()}-{_suffix}";
        await CreateAsync(name, Cron(name, $"  schedules: [\"* * * * * *\"]\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 0\n  {limits}", $"image: argoproj/argosay:v2\n          args: {args}"));
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await Eventually.HoldsAsync(async () =>
            {
                var children = await ChildrenAsync(name);
                seen.UnionWith(children.Select(c => c.Metadata.Name));
                return seen.Count >= 3 && children.Count(c => c.Status.Phase == phase) == 1 && children.All(c => !c.Status.Phase.IsFinished() || c.Status.Phase == phase);
            }, "three workflows started, one finished kept");
            Assert.True(seen.Count >= 3);
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestStoppingConditionWithSucceeded and TestBasic/TestStoppingConditionWithFailed: once
    // the stop expression holds the cron is Stopped with one workflow of that outcome and none of the other. Upstream's
    // Allow over one-minute ticks starts one workflow at a time; with one-second ticks Forbid does that.
    [Theory]
    [InlineData("cronworkflow.succeeded >= 1", "[echo, hi]", 1, 0)]
    [InlineData("cronworkflow.failed >= 1", "[exit, \"1\"]", 0, 1)]
    public async Task StoppingCondition_StoppedAfterOne(string expression, string args, int succeeded, int failed)
    {
        var name = $"test-cron-wf-stop-condition-{succeeded}{failed}-{_suffix}";
        await CreateAsync(name, Cron(name, $"  schedules: [\"* * * * * *\"]\n  concurrencyPolicy: Forbid\n  stopStrategy:\n    expression: \"{expression}\"", $"image: argoproj/argosay:v2\n          args: {args}"));
        try
        {
            var cron = await Eventually.ValueAsync(async () => await GetAsync(name) is var c && c["status"]?["phase"]?.GetValue<string>() == "Stopped" ? c : null, "the cron to stop");
            Assert.Equal(succeeded, cron["status"]!["succeeded"]!.GetValue<int>());
            Assert.Equal(failed, cron["status"]!["failed"]!.GetValue<int>());
            Assert.Equal("true", cron["metadata"]!["labels"]?["cronworkflows.argoproj.io/completed"]?.GetValue<string>());
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports CronSuite.TestBasic/TestCronWorkflowFromWorkflowTemplateHasLabel: a workflow submitted from a cron whose
    // workflowSpec is a workflowTemplateRef carries the template's label.
    [Fact]
    public async Task CronWorkflowFromWorkflowTemplate_HasTheTemplateLabel()
    {
        var template = $"workflow-template-cron-{_suffix}";
        using var stored = await serve.Http.PostAsync("/api/v1/workflow-templates/argo", new StringContent($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{template}}}
            spec:
              entrypoint: whalesay
              templates:
                - name: whalesay
                  container: {image: argoproj/argosay:v2}
            """, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var name = await CreateAsync($"test-cron-wf-from-template-{_suffix}", $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: test-cron-wf-from-template-{{_suffix}}}
            spec:
              schedules: ["0 0 1 1 *"]
              concurrencyPolicy: Allow
              startingDeadlineSeconds: 59
              workflowSpec:
                workflowTemplateRef: {name: {{template}}}
            """);
        try
        {
            using var submitted = await serve.Http.PostAsync("/api/v1/workflows/argo/submit", new StringContent($$"""{"resourceKind": "CronWorkflow", "resourceName": "{{name}}"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            var workflow = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["metadata"]!["name"]!.GetValue<string>();
            var view = await serve.WaitAsync(workflow);
            Assert.Equal(template, view.Metadata.Labels["workflows.argoproj.io/workflow-template"]);
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    // Ports workflow/cron/operator_test.go TestMultipleSchedules: a cron with two schedules starts one workflow per tick,
    // annotated only with its scheduled time.
    [Fact]
    public async Task MultipleSchedules_OneWorkflowPerTickWithOnlyTheScheduledTime()
    {
        var name = await CreateAsync($"hello-world-{_suffix}", Cron($"hello-world-{_suffix}", "  schedules: [\"* * * * * *\", \"0 * * * * *\"]\n  startingDeadlineSeconds: 30"));
        try
        {
            var first = await Eventually.ValueAsync(async () => await ChildrenAsync(name) is { Count: > 0 } list ? list[0] : null, "a workflow");
            var view = await serve.WaitAsync(first.Metadata.Name);
            var annotation = Assert.Single(view.Metadata.Annotations);
            Assert.Equal("workflows.argoproj.io/scheduled-time", annotation.Key);
            Assert.NotEmpty(annotation.Value);
            var children = await ChildrenAsync(name);
            Assert.Equal(children.Count, children.Select(c => c.Metadata.Name).Distinct().Count());
        }
        finally
        {
            await DeleteAsync(name);
        }
    }
}
