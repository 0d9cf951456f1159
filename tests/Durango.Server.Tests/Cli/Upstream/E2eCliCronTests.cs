using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Port of test/e2e/cli_test.go (CLISuite)'s TestCronCommands, for the <c>argo cron</c> verbs Durango has (lint, create,
/// update, get, list, suspend, resume, delete), against a <c>durango serve</c> of this class's own.
/// </summary>
public sealed class E2eCliCronTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
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

    private protected override ServeFixture? Serve => serve;

    // TestCronCommands' "Create Schedule Override", "Create Parameter Override", "Create Name Override", "Create
    // GenerateName Override" and "List with labels" (cron/param.yaml, cron/cron-workflow-with-labels.yaml).
    [Fact]
    public async Task CronCreate_Overrides_AndListWithLabels()
    {
        var basic = Files.Write("basic.yaml", Basic);
        var schedule = await serve.DurangoAsync("cron", "create", basic, "--schedule", "1 2 3 * *", "-l", "workflows.argoproj.io/test=true");
        Assert.True(schedule.ExitCode == 0, schedule.Stderr);
        Assert.Contains("Schedules:                     1 2 3 * *", schedule.Stdout, StringComparison.Ordinal);

        var parameter = await serve.DurangoAsync("cron", "create", Files.Write("param.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata:
              name: test-cron-wf-basic-param
              labels: {workflows.argoproj.io/test: "true"}
            spec:
              schedules: ["* * * * *"]
              workflowSpec:
                entrypoint: whalesay
                arguments: {parameters: [{name: message, value: foo}]}
                templates:
                  - name: whalesay
                    inputs: {parameters: [{name: message}]}
                    container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            """), "-p", "message=\"bar test passed\"", "-l", "workflows.argoproj.io/test=true");
        Assert.True(parameter.ExitCode == 0, parameter.Stderr);
        Assert.Contains("bar test passed", parameter.Stdout, StringComparison.Ordinal);

        var named = await serve.DurangoAsync("cron", "create", basic, "--name", "basic-cron-wf-overridden-name", "-l", "workflows.argoproj.io/test=true");
        Assert.True(named.ExitCode == 0, named.Stderr);
        Assert.Contains("Name:basic-cron-wf-overridden-name", named.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var generated = await serve.DurangoAsync("cron", "create", basic, "--generate-name", "basic-cron-wf-overridden-generate-name-", "-l", "workflows.argoproj.io/test=true");
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        Assert.Contains("Name:basic-cron-wf-overridden-generate-name-", generated.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var labelled = await serve.DurangoAsync("cron", "create", Files.Write("cron-workflow-with-labels.yaml",
            Basic.Replace("name: test-cron-wf-basic", "name: test-cwf-with-labels", StringComparison.Ordinal)
                .Replace("labels: {workflows.argoproj.io/test: \"true\"}\nspec", "labels: {client: importantclient, workflows.argoproj.io/test: \"true\"}\nspec", StringComparison.Ordinal)));
        Assert.True(labelled.ExitCode == 0, labelled.Stderr);
        Assert.Equal(0, (await serve.DurangoAsync("cron", "create", basic, "--name", "cron-wf-without-labels")).ExitCode);
        var list = await serve.DurangoAsync("cron", "list", "-l", "client=importantclient");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("test-cwf-with-labels", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cron-wf-without-labels", list.Stdout, StringComparison.Ordinal);

        var all = await serve.DurangoAsync("cron", "list");
        foreach (var line in all.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", line.Split(' ')[0])).ExitCode);
        }
    }

    // TestCronCommands' Lint, "Lint All Kinds", "Different Kind" and IgnoreOtherKinds.
    [Fact]
    public async Task CronLint_OnlyCronWorkflows()
    {
        var basic = Files.Write("basic.yaml", Basic);
        var template = Files.Write("template.yaml", SmokeTemplates.Whalesay);
        var mixed = Files.Write("cron-and-malformed-template.yaml", Basic + "\n---\n" + """
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
    // "Create Multiple Schedules". Not ported: AllCron (a fixture directory with upstream's backfill template).
    [Fact]
    public async Task CronCommands_CreateUpdateGetListSuspendResumeDelete()
    {
        var create = await serve.DurangoAsync("cron", "create", Files.Write("basic.yaml", Basic));
        Assert.True(create.ExitCode == 0, create.Stderr);
        foreach (var field in new[] { "Name:", "Namespace:", "Created:", "Schedules:", "Suspended:", "StartingDeadlineSeconds:", "ConcurrencyPolicy:" })
        {
            Assert.Contains(field, create.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-basic")).ExitCode);
        Assert.Equal(0, (await serve.DurangoAsync("cron", "create", Files.Write("basic.yaml", Basic))).ExitCode);

        var changed = Basic.Replace("\"* * * * *\"", "\"5 5 5 * *\"", StringComparison.Ordinal).Replace("Allow", "Replace", StringComparison.Ordinal)
            .Replace("startingDeadlineSeconds: 0", "startingDeadlineSeconds: 10", StringComparison.Ordinal)
            .Replace("successfulJobsHistoryLimit: 4", "successfulJobsHistoryLimit: 5", StringComparison.Ordinal)
            .Replace("failedJobsHistoryLimit: 2", "failedJobsHistoryLimit: 3", StringComparison.Ordinal);
        var update = await serve.DurangoAsync("cron", "update", Files.Write("basic-update.yaml", changed));
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

        var multiple = await serve.DurangoAsync("cron", "create", Files.Write("multiple-schedules.yaml",
            Basic.Replace("test-cron-wf-basic", "test-cron-wf-multiple", StringComparison.Ordinal).Replace("[\"* * * * *\"]", "[\"* * * * *\", \"*/2 * * * *\"]", StringComparison.Ordinal)));
        Assert.True(multiple.ExitCode == 0, multiple.Stderr);
        Assert.Contains("Schedules:                     * * * * *,*/2 * * * *", multiple.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-multiple")).ExitCode);
        Assert.Equal(0, (await serve.DurangoAsync("cron", "delete", "test-cron-wf-basic")).ExitCode);
    }
}
