using System.Text.RegularExpressions;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed partial class ExitHandlerTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task SeedExitHandlers_EntryFails_FailedAndHandlerPrintsTheSeedLine()
    {
        var view = await _engine.RunAsync(await File.ReadAllTextAsync(ConformanceCorpus.Seed("exit-handlers.yaml")));
        var name = view.Metadata.Name;

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Error (exit code 1)", view.Status.Message);
        Assert.Equal(NodePhase.Succeeded, view.Node("notify").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("cry").Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("celebrate").Phase);
        Assert.Equal(NodeType.Steps, view.Node($"{name}.onExit").Type);
        Assert.True(view.Node($"{name}.onExit").NodeFlag?.Hooked);

        // Argo substitutes workflow.failures Go-quoted, so the shell prints the JSON with its quotes.
        var line = view.Node("notify").Outputs!.Result!;
        var match = SeedLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(name, match.Groups["name"].Value);
        Assert.Equal(
            $$"""[{"displayName":"{{name}}","message":"Error (exit code 1)","templateName":"intentional-fail","phase":"Failed","podName":"{{name}}","finishedAt":"{{match.Groups["finished"].Value}}"}]""",
            match.Groups["failures"].Value);
    }

    [Fact]
    public async Task ExitHandler_Fails_AfterSucceededEntry_WorkflowFailed()
    {
        var view = await _engine.RunAsync(await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("exit-handler-failed.yaml")));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node(view.Metadata.Name).Phase);
        Assert.Equal(NodePhase.Failed, view.Node($"{view.Metadata.Name}.onExit").Phase);
        Assert.Equal("Error (exit code 1)", view.Status.Message);
    }

    [Fact]
    public async Task ExitHandler_Errors_AfterSucceededEntry_WorkflowError()
    {
        var view = await RunWithExitAsync("exit 0", exitTemplate: """
                - name: exit
                  inputs: {parameters: [{name: p, value: "{{workflow.status}}", enum: [never]}]}
                  container: {image: alpine, command: ["true"]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Equal(NodePhase.Error, view.Node($"{view.Metadata.Name}.onExit").Phase);
    }

    [Fact]
    public async Task ExitHandler_Fails_AfterFailedEntry_StaysFailedWithEntryMessage()
    {
        var view = await RunWithExitAsync("exit 2", exitTemplate: """
                - name: exit
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Error (exit code 2)", view.Status.Message);
    }

    [Fact]
    public async Task ExitHandler_Succeeded_SeesStatusDurationAndNullFailures()
    {
        var view = await RunWithExitAsync("exit 0", exitTemplate: """
                - name: exit
                  container: {image: alpine, command: [sh, -c, "echo {{workflow.status}} {{workflow.duration}} {{workflow.failures}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var printed = view.Node($"{view.Metadata.Name}.onExit").Outputs!.Result!;
        Assert.Matches(@"^Succeeded \d+\.\d{6} null$", printed);
    }

    [Fact]
    public async Task ExitHook_WorkflowLevel_IgnoresExpressionAndSeesItsArguments()
    {
        var view = await _engine.RunAsync(await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("workflow-hook-parameter.yaml")));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var exit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
        Assert.Equal([new ParameterValue("ternary", "Succeeded"), new ParameterValue("status", "Succeeded")], exit.Inputs?.Parameters);
    }

    [Fact]
    public async Task ExitHook_OnExitWinsOverHooksExit()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: both-exits-}
            spec:
              entrypoint: main
              onExit: from-on-exit
              hooks:
                exit: {template: from-hook, expression: "false"}
              templates:
                - name: main
                  container: {image: alpine, command: ["true"]}
                - name: from-on-exit
                  container: {image: alpine, command: [echo, on-exit]}
                - name: from-hook
                  container: {image: alpine, command: [echo, hook]}
            """);

        Assert.Equal("on-exit", view.Node($"{view.Metadata.Name}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task RetryWorkflowWithFailedExitHandler_ArgoFixture_Failed()
    {
        var yaml = (await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("retry-workflow-with-failed-exit-handler.yaml")))
            .Replace("name: retry-workflow-with-failed-exit-handler", "generateName: retry-exit-", StringComparison.Ordinal);
        var view = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("hello", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    [Fact]
    public async Task StepExitHook_FailedStepWithMissingOutput_HookStillGetsAnInputValue()
    {
        var view = await _engine.RunAsync(await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("exit-handler-fail-missing-output.yaml")));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var hook = view.Node($"{view.Metadata.Name}[0].step1.onExit");
        Assert.True(hook.NodeFlag?.Hooked);
        Assert.NotNull(Assert.Single(hook.Inputs!.Parameters).Value);
        Assert.Contains(hook.Id, view.Node("step1").Children);
    }

    private Task<Api.Workflows.WorkflowView> RunWithExitAsync(string entryScript, string exitTemplate) => _engine.RunAsync(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: exit-}\nspec:\n  entrypoint: main\n  onExit: exit\n  templates:\n"
        + $"    - name: main\n      container: {{image: alpine, command: [sh, -c, \"{entryScript}\"]}}\n"
        + TestYaml.Indent(exitTemplate, 4));

    [GeneratedRegex(@"^send e-mail: (?<name>\S+) Failed \d+\.\d{6}\. Failed steps (?<failures>\[.*""finishedAt"":""(?<finished>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)""\}\])$")]
    private static partial Regex SeedLine();
}
