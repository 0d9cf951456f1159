using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Core.Tests.Cron;

/// <summary>The CronWorkflow kind loads, and its schedule, time zone, policies and workflowSpec are checked at their line and column.</summary>
public class CronWorkflowLoadingTests
{
    private const string Valid = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: hello
        spec:
          schedules:
            - "*/3 * * * 1-5"
            - "*/2 * * * *"
          timezone: "America/Los_Angeles"
          startingDeadlineSeconds: 30
          concurrencyPolicy: "Forbid"
          successfulJobsHistoryLimit: 4
          failedJobsHistoryLimit: 2
          suspend: true
          when: "{{= cronworkflow.failed < 3 }}"
          stopStrategy:
            expression: "cronworkflow.failed >= 3"
          workflowMetadata:
            labels: {team: a}
          workflowSpec:
            entrypoint: main
            templates:
              - name: main
                container:
                  image: busybox
                  command: [echo, "{{workflow.scheduledTime}}"]
        """;

    [Fact]
    public void Load_CronWorkflow_ReadsEveryField()
    {
        var result = WorkflowValidator.Lint(Valid, "cron.yaml");

        Assert.Empty(result.Diagnostics);
        var document = Assert.Single(result.Documents).Document;
        Assert.Equal(WorkflowKind.CronWorkflow, document.Kind);
        var cron = document.Cron!;
        Assert.Equal(["*/3 * * * 1-5", "*/2 * * * *"], cron.Schedules);
        Assert.Equal("America/Los_Angeles", cron.Timezone);
        Assert.Equal(30, cron.StartingDeadlineSeconds);
        Assert.Equal(ConcurrencyPolicy.Forbid, cron.ConcurrencyPolicy);
        Assert.Equal((4, 2), (cron.SuccessfulJobsHistoryLimit, cron.FailedJobsHistoryLimit));
        Assert.True(cron.Suspend);
        Assert.Equal("cronworkflow.failed >= 3", cron.StopExpression);
        Assert.Equal("a", cron.WorkflowMetadata.Labels["team"]);
        Assert.Equal("main", document.Spec.Entrypoint);
    }

    [Fact]
    public void Load_OlderSingleSchedule_IsOneSchedule()
    {
        var text = "kind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedule: \"0 2 * * *\"\n  workflowSpec: {entrypoint: m, templates: [{name: m, suspend: {}}]}\n";

        var result = WorkflowValidator.Lint(text, "c.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["0 2 * * *"], result.Documents[0].Document.Cron!.Schedules);
    }

    [Theory]
    [InlineData("schedules: [\"61 * * * *\"]", "spec.schedules[0]", 4)]
    [InlineData("schedules: [\"* * *\"]", "spec.schedules[0]", 4)]
    [InlineData("schedules: [\"@every 1h\"]", "spec.schedules[0]", 4)]
    [InlineData("schedules: [\"* * * * *\"]\n  timezone: Mars/Olympus", "spec.timezone", 5)]
    [InlineData("schedules: [\"* * * * *\"]\n  concurrencyPolicy: Sometimes", "spec.concurrencyPolicy", 5)]
    [InlineData("schedules: [\"* * * * *\"]\n  startingDeadlineSeconds: -1", "spec.startingDeadlineSeconds", 5)]
    public void Load_BadScheduleOrPolicy_IsDiagnosticAtItsLine(string field, string path, int line)
    {
        var text = $"kind: CronWorkflow\nmetadata: {{name: c}}\nspec:\n  {field}\n  workflowSpec: {{entrypoint: m, templates: [{{name: m, suspend: {{}}}}]}}\n";

        var result = WorkflowValidator.Lint(text, "c.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Location!.Line);
    }

    [Fact]
    public void Validate_WorkflowSpecError_PointsIntoWorkflowSpec()
    {
        var text = "kind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedules: [\"* * * * *\"]\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: other\n        suspend: {}\n";

        var result = WorkflowValidator.Lint(text, "c.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.UnknownTemplate, error.Code);
        Assert.Equal("spec.workflowSpec.entrypoint", error.Path);
        Assert.Equal(6, error.Location!.Line);
    }

    [Fact]
    public void Load_UnknownWorkflowSpecField_PointsIntoWorkflowSpec()
    {
        var text = "kind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedules: [\"* * * * *\"]\n  workflowSpec:\n    entrypoint: m\n    entrypoitn: m\n    templates: [{name: m, suspend: {}}]\n";

        var result = WorkflowLoader.Load(text, "c.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.workflowSpec.entrypoitn", error.Path);
        Assert.Equal(7, error.Location!.Line);
    }

    [Fact]
    public void Load_SixFields_IsWarningOnly()
    {
        var text = "kind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedules: [\"*/5 * * * * *\"]\n  workflowSpec: {entrypoint: m, templates: [{name: m, suspend: {}}]}\n";

        var result = WorkflowValidator.Lint(text, "c.yaml");

        Assert.False(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("seconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingSchedulesAndWorkflowSpec_AreRequired()
    {
        var result = WorkflowValidator.Lint("kind: CronWorkflow\nmetadata: {name: c}\nspec: {}\n", "c.yaml");

        Assert.Contains(result.Diagnostics, d => d.Path == "spec.schedules" && d.Code == DiagnosticCodes.Required);
        Assert.Contains(result.Diagnostics, d => d.Path == "spec.workflowSpec" && d.Code == DiagnosticCodes.Required);
    }
}
