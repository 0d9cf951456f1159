using Durango.Server.Tests.Api;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Port of test/e2e/cli_test.go (CLISuite)'s TestCronCommands, for the <c>argo cron</c> verbs Durango has (lint, create,
/// update, get, list, suspend, resume, delete), against a <c>durango serve</c> of this class's own.
/// </summary>
public sealed class E2eCliCronTests(ServeFixture serve) : IClassFixture<ServeFixture>, IDisposable
{
    // cron/basic.yaml, then cron/basic-update.yaml's changes.
    private const string Basic = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: test-cron-wf-basic
          labels: {workflows.argoproj.io/test: "true"}
        spec:
          schedules: ["* * * * *"]
          concurrencyPolicy: Allow
          startingDeadlineSeconds: 0
          successfulJobsHistoryLimit: 4
          failedJobsHistoryLimit: 2
          workflowMetadata: {labels: {workflows.argoproj.io/test: "true"}}
          workflowSpec:
            entrypoint: main
            templates:
              - name: main
                container: {image: argoproj/argosay:v2}
        """;

    private readonly E2eCliFiles _files = new();

    public void Dispose() => _files.Dispose();

    // TestCronCommands' Lint, "Lint All Kinds", "Different Kind" and IgnoreOtherKinds.
    [Fact]
    public async Task CronLint_OnlyCronWorkflows()
    {
        var basic = _files.Write("basic.yaml", Basic);
        var template = _files.Write("template.yaml", E2eCliFiles.WhalesayTemplate);
        var mixed = _files.Write("cron-and-malformed-template.yaml", Basic + "\n---\n" + """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: basic-malformed}
            spec:
              entrypoints: main
              templates:
                - container: {image: argoproj/argosay:v2}
            """);

        var cron = await DurangoCli.RunAsync("cron", "lint", basic);
        var all = await DurangoCli.RunAsync("lint", basic);
        var otherKind = await DurangoCli.RunAsync("cron", "lint", template);
        var ignored = await DurangoCli.RunAsync("cron", "lint", mixed);

        Assert.Equal(0, cron.ExitCode);
        Assert.Contains("no linting errors found!", cron.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("no linting errors found!", all.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, otherKind.ExitCode);
        Assert.Contains("found nothing to lint in the specified paths, failing...", otherKind.Stderr, StringComparison.Ordinal);
        Assert.True(ignored.ExitCode == 0, ignored.Stdout);
        Assert.Contains("no linting errors found!", ignored.Stderr, StringComparison.Ordinal);
    }

    // TestCronCommands' Create, Delete, Update, Get (-o yaml, missing, present), List, Suspend, Resume and
    // "Create Multiple Schedules". Not ported: the create overrides (--schedule, -p, --name, --generate-name, -l),
    // "List with labels" (cron list -l) and AllCron, flags and a fixture directory Durango's cron does not have.
    [Fact]
    public async Task CronCommands_CreateUpdateGetListSuspendResumeDelete()
    {
        var create = await serve.DurangoAsync("cron", "create", _files.Write("basic.yaml", Basic));
        Assert.True(create.ExitCode == 0, create.Stderr);
        foreach (var field in new[] { "Name:", "Namespace:", "Created:", "Schedules:", "Suspended:", "StartingDeadlineSeconds:", "ConcurrencyPolicy:" })
        {
            Assert.Contains(field, create.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-basic")).ExitCode);
        Assert.Equal(0, (await serve.DurangoAsync("cron", "create", _files.Write("basic.yaml", Basic))).ExitCode);

        var changed = Basic.Replace("\"* * * * *\"", "\"5 5 5 * *\"", StringComparison.Ordinal).Replace("Allow", "Replace", StringComparison.Ordinal)
            .Replace("startingDeadlineSeconds: 0", "startingDeadlineSeconds: 10", StringComparison.Ordinal)
            .Replace("successfulJobsHistoryLimit: 4", "successfulJobsHistoryLimit: 5", StringComparison.Ordinal)
            .Replace("failedJobsHistoryLimit: 2", "failedJobsHistoryLimit: 3", StringComparison.Ordinal);
        var update = await serve.DurangoAsync("cron", "update", _files.Write("basic-update.yaml", changed));
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Contains("Schedules:                     5 5 5 * *", update.Stdout, StringComparison.Ordinal);

        var yaml = await serve.DurangoAsync("cron", "get", "test-cron-wf-basic", "-o", "yaml");
        Assert.Equal(0, yaml.ExitCode);
        foreach (var text in new[] { "5 5 5 * *", "Replace", "startingDeadlineSeconds: 10", "successfulJobsHistoryLimit: 5", "failedJobsHistoryLimit: 3", "argosay" })
        {
            Assert.Contains(text, yaml.Stdout, StringComparison.Ordinal);
        }

        var list = await serve.DurangoAsync("cron", "list");
        foreach (var column in new[] { "NAME", "AGE", "LAST RUN", "SCHEDULES", "SUSPENDED" })
        {
            Assert.Contains(column, list.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("CronWorkflow 'test-cron-wf-basic' suspended", (await serve.DurangoAsync("cron", "suspend", "test-cron-wf-basic")).Stdout, StringComparison.Ordinal);
        Assert.Contains("CronWorkflow 'test-cron-wf-basic' resumed", (await serve.DurangoAsync("cron", "resume", "test-cron-wf-basic")).Stdout, StringComparison.Ordinal);

        var missing = await serve.DurangoAsync("cron", "get", "not-found");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("'not-found' not found", missing.Stderr, StringComparison.Ordinal);
        var get = await serve.DurangoAsync("cron", "get", "test-cron-wf-basic");
        foreach (var field in new[] { "Name:", "Namespace:", "Created:", "Schedules:", "Suspended:", "StartingDeadlineSeconds:", "ConcurrencyPolicy:" })
        {
            Assert.Contains(field, get.Stdout, StringComparison.Ordinal);
        }

        var multiple = await serve.DurangoAsync("cron", "create", _files.Write("multiple-schedules.yaml",
            Basic.Replace("test-cron-wf-basic", "test-cron-wf-multiple", StringComparison.Ordinal).Replace("[\"* * * * *\"]", "[\"* * * * *\", \"*/2 * * * *\"]", StringComparison.Ordinal)));
        Assert.True(multiple.ExitCode == 0, multiple.Stderr);
        Assert.Contains("Schedules:                     * * * * *,*/2 * * * *", multiple.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-multiple")).ExitCode);
        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-basic")).ExitCode);
    }
}
