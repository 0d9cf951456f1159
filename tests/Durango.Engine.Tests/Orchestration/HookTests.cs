using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class HookTests(EngineFixture fixture)
{
    private const string SeedUrl = "https://raw.githubusercontent.com/argoproj/argo-workflows/4e450e250168e6b4d51a126b784e90b11a0162bc/pkg/apis/workflow/v1alpha1/generated.swagger.json";

    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task SeedWorkflowLevelHooks_RunningHookAndExitHandlerEachCallOnce()
    {
        await using var server = await LoopbackServer.StartAsync();
        var yaml = (await File.ReadAllTextAsync(ConformanceCorpus.Seed("lifecycle-hook-wf-level.yaml"))).Replace(SeedUrl, $"{server.BaseUrl}/hook", StringComparison.Ordinal);
        var view = await _engine.RunAsync(yaml);
        var name = view.Metadata.Name;

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}.onExit").Phase);
        Assert.Equal(NodeType.Http, view.Node($"{name}.hooks.running").Type);
        Assert.Contains(view.Node($"{name}.hooks.running").Id, view.Node(name).Children);
        Assert.Equal(2, server.To("/hook").Count);
    }

    [Fact]
    public async Task SeedTemplateLevelHooks_EachStepsRunningAndSuccessHookFireOnce()
    {
        await using var server = await LoopbackServer.StartAsync();
        var yaml = (await File.ReadAllTextAsync(ConformanceCorpus.Seed("lifecycle-hook-tmpl-level.yaml"))).Replace(SeedUrl, $"{server.BaseUrl}/hook", StringComparison.Ordinal);
        var view = await _engine.RunAsync(yaml);
        var name = view.Metadata.Name;

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var hook in new[] { "[0].step-1.hooks.running", "[0].step-1.hooks.success", "[1].step2.hooks.running", "[1].step2.hooks.success" })
        {
            var node = view.Node(name + hook);
            Assert.Equal(NodePhase.Succeeded, node.Phase);
            Assert.True(node.NodeFlag?.Hooked);
        }

        Assert.Equal(4, server.To("/hook").Count);
        Assert.Equal("step-1.hooks.success", view.Node($"{name}[0].step-1.hooks.success").DisplayName);
    }

    [Fact]
    public async Task SeedExitOnlyHook_MissingTemplate_IsRejectedAndNothingRuns()
    {
        var outcome = await _engine.Workflows.SubmitAsync(new Api.Workflows.SubmitRequest(
            await File.ReadAllTextAsync(ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml")), "lifecycle-hook-exit-only.yaml", []));

        Assert.Equal(Api.Workflows.SubmitStatus.Invalid, outcome.Status);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Contains("heads", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].steps[0][0].template", error.Path);
        Assert.Null(outcome.Name);
    }

    [Fact]
    public async Task WorkflowLevelHooks_SucceededVersion_RunningAndSucceedHooksRun()
    {
        var view = await RunAsync("""
              hooks:
                running: {expression: workflow.status == "Running", template: say}
                succeed: {expression: workflow.status == "Succeeded", template: say}
                failed: {expression: workflow.status == "Failed", template: say}
              templates:
                - name: main
                  steps: [[{name: step1, template: say}]]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.hooks.succeed").Phase);
        Assert.False(view.HasNode($"{view.Metadata.Name}.hooks.failed"));
        Assert.Equal("3/3", view.Status.Progress);
    }

    [Fact]
    public async Task WorkflowLevelHooks_FailedVersion_FailedHookRunsAndWorkflowStaysFailed()
    {
        var view = await RunAsync("""
              hooks:
                running: {expression: workflow.status == "Running", template: say}
                failed: {expression: workflow.status == "Failed", template: say}
              templates:
                - name: main
                  steps: [[{name: step1, template: fail}]]
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.hooks.failed").Phase);
    }

    [Fact]
    public async Task WorkflowLevelHooks_WithRetriedEntry_FlagsAndProgressAsArgo()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hooks-retry-}
            spec:
              entrypoint: flaky
              hooks:
                failed: {template: say, expression: workflow.status == "Failed"}
                running: {template: say, expression: workflow.status == "Running"}
              templates:
                - name: flaky
                  retryStrategy: {limit: 1}
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
                - name: say
                  container: {image: argoproj/argosay:v2}
            """);
        var name = view.Metadata.Name;

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("2/4", view.Status.Progress);
        Assert.Null(view.Node(name).NodeFlag);
        Assert.Equal(NodeType.Retry, view.Node(name).Type);
        Assert.Equal(new NodeFlag(Hooked: false, Retried: true), view.Node($"{name}(0)").NodeFlag);
        Assert.Equal(new NodeFlag(Hooked: true, Retried: false), view.Node($"{name}.hooks.running").NodeFlag);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}.hooks.failed").Phase);
    }

    [Fact]
    public async Task DagTaskHooks_FailedDependency_DependentOmittedAndOnlyTriggeredHooksRun()
    {
        var view = await RunAsync("""
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: A
                        template: fail
                        hooks:
                          running: {template: say, expression: tasks.A.status == "Running"}
                          success: {template: say, expression: tasks.A.status == "Succeeded"}
                      - name: B
                        template: say
                        dependencies: [A]
                        hooks:
                          running: {template: say, expression: tasks.B.status == "Running"}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("1/2", view.Status.Progress);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.A.hooks.running").Phase);
        Assert.False(view.HasNode($"{view.Metadata.Name}.A.hooks.success"));
        Assert.Equal(NodePhase.Omitted, view.Node("B").Phase);
    }

    [Fact]
    public async Task StepHooks_TriggeredHookBlocksItsStep_UntriggeredDoesNot()
    {
        var view = await RunAsync("""
              templates:
                - name: main
                  steps:
                    - - name: job
                        template: say
                        hooks:
                          running:
                            expression: steps['job'].status == "Running"
                            template: slow
                          failed:
                            expression: steps['job'].status == "Failed"
                            template: slow
                    - - {name: next, template: say}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var hook = view.Node($"{view.Metadata.Name}[0].job.hooks.running");
        Assert.True(hook.FinishedAt <= view.Node($"{view.Metadata.Name}[0]").FinishedAt, "the group waited for the hook");
        Assert.True(hook.FinishedAt <= view.Node("next").StartedAt, "the next group started after the hook");
        Assert.False(view.HasNode($"{view.Metadata.Name}[0].job.hooks.failed"));
    }

    [Fact]
    public async Task StepHooks_FailingHook_DoesNotChangeItsStepsPhase()
    {
        var view = await RunAsync("""
              templates:
                - name: main
                  steps:
                    - - name: job
                        template: say
                        hooks:
                          done: {expression: steps.job.status == "Succeeded", template: fail}
            """);

        Assert.Equal(NodePhase.Failed, view.Node($"{view.Metadata.Name}[0].job.hooks.done").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("job").Phase);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    [Fact]
    public async Task StepExitHook_RunsForCompletedStepNotSkipped_AndChecksExpression()
    {
        var view = await RunAsync("""
              templates:
                - name: main
                  steps:
                    - - name: ran
                        template: fail
                        continueOn: {failed: true}
                        hooks:
                          exit: {template: say}
                      - name: skipped
                        template: say
                        when: "1 == 2"
                        hooks:
                          exit: {template: say}
                      - name: filtered
                        template: say
                        hooks:
                          exit: {template: say, expression: steps.filtered.status == "Failed"}
            """);

        Assert.True(view.HasNode($"{view.Metadata.Name}[0].ran.onExit"));
        Assert.False(view.HasNode($"{view.Metadata.Name}[0].skipped.onExit"));
        Assert.False(view.HasNode($"{view.Metadata.Name}[0].filtered.onExit"));
    }

    [Fact]
    public async Task LoopTaskHooks_ArgoFixture_RunOncePerTaskGroup()
    {
        var view = await _engine.RunAsync(await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("with-items-with-hooks.yaml")));
        var group = $"{view.Metadata.Name}.run-sim";

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodeType.TaskGroup, view.Node(group).Type);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{group}.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{group}.onExit").Phase);
        Assert.Equal(1, view.Status.Nodes.Values.Count(n => n.Name.EndsWith(".hooks.running", StringComparison.Ordinal)));
        Assert.Equal("I am a hook bar", view.Node($"{group}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task Hooks_FailuresOfHooksAreInWorkflowFailures()
    {
        var view = await RunAsync("""
              onExit: report
              templates:
                - name: main
                  steps:
                    - - name: job
                        template: say
                        hooks:
                          done: {expression: steps.job.status == "Succeeded", template: fail}
                - name: report
                  container: {image: alpine, command: [sh, -c, "echo {{workflow.failures}}"]}
            """);

        Assert.Contains("\"templateName\":\"fail\"", view.Node($"{view.Metadata.Name}.onExit").Outputs?.Result, StringComparison.Ordinal);
    }

    private Task<Api.Workflows.WorkflowView> RunAsync(string spec) => _engine.RunAsync(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: hooks-}\nspec:\n  entrypoint: main\n"
        + TestYaml.Indent(spec, 2)
        + TestYaml.Indent("""
            - name: say
              container: {image: argoproj/argosay:v2}
            - name: fail
              container: {image: alpine, command: [sh, -c, "exit 1"]}
            - name: slow
              container: {image: alpine, command: [sh, -c, "sleep 0.5"]}
            """, 4));
}
