using Durango.Engine.Model;
using Durango.Engine.Tests.Orchestration;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// More ports of test/e2e/functional_test.go (FunctionalSuite): conditionals in both dialects, the node links a
/// nested steps template leaves for the UI, and a template timeout that fires while its node cannot start.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FunctionalSuiteMoreTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestWhenExpressions (functional/conditionals.yaml, a link to examples/conditionals.yaml): the govaluate
    // form, the expr form with a hyphenated input in brackets, and jsonpath over workflow.parameters.json all hold,
    // so none of the three steps is skipped.
    [Fact]
    public async Task WhenExpressions_GovaluateExprAndJsonpath_NoStepIsSkipped()
    {
        var view = await _engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "conditionals.yaml")));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var step in new[] { "print-hello-govaluate", "print-hello-expr", "print-hello-expr-json" })
        {
            var node = view.Node(step);
            Assert.NotEqual(NodeType.Skipped, node.Type);
            Assert.Equal(NodePhase.Succeeded, node.Phase);
        }
    }

    // Ports TestMissingStepsInUI (functional/missing-steps.yaml): the last step of a nested steps template links on to
    // the next step group of its caller, so the UI draws step2 after step1: `[0].step1[0].execute-script` has exactly
    // one child. The workflow is upstream's with a generated name; its optional input and output artifacts are absent.
    // Difference found: Durango errors execute-script with "unable to resolve artifact 'inputFile' from
    // {{inputs.artifacts.inputFile}}" (an argument artifact `from` an optional input artifact that was not supplied),
    // where upstream passes it on as absent; the step's artifact rules (Semantics/ArtifactRules.cs) need that case.
    [Fact(Skip = "difference: an argument artifact from an absent optional input artifact errors (ArtifactRules.Resolve)")]
    public async Task MissingStepsInUI_NestedStepsLastPod_HasOneChild()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: missing-steps-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: step1, template: work, arguments: {parameters: [{name: script, value: "echo hello\n"}]}}
                - - {name: step2, template: work, arguments: {parameters: [{name: script, value: "echo world\n"}]}}
              - name: work
                inputs:
                  parameters:
                  - name: script
                  - {name: outputArtifactResultFilePath, default: /tmp/output}
                  artifacts:
                  - {name: inputFile, optional: true}
                outputs:
                  parameters:
                  - name: result
                    valueFrom: {parameter: '{{steps.execute-script.outputs.result}}'}
                  artifacts:
                  - {name: resultFile, optional: true, from: '{{steps.execute-script.outputs.artifacts.resultFile}}'}
                steps:
                - - name: execute-script
                    template: execute-target-script
                    arguments:
                      parameters:
                      - {name: script, value: '{{inputs.parameters.script}}'}
                      - {name: outputArtifactResultFilePath, value: '{{inputs.parameters.outputArtifactResultFilePath}}'}
                      artifacts:
                      - {name: inputFile, from: '{{inputs.artifacts.inputFile}}'}
              - name: execute-target-script
                inputs:
                  parameters:
                  - name: script
                  - {name: outputArtifactResultFilePath, default: /tmp/output}
                  artifacts:
                  - {name: inputFile, optional: true, path: /tmp/inputFile}
                outputs:
                  artifacts:
                  - {name: resultFile, optional: true, path: '{{inputs.parameters.outputArtifactResultFilePath}}'}
                script:
                  command: [bash]
                  image: argoproj/argosay:v2
                  source: '{{inputs.parameters.script}}'
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded,
            string.Join("\n", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}")));
        var pod = view.Node($"{view.Metadata.Name}[0].step1[0].execute-script");
        var child = Assert.Single(pod.Children);
        Assert.Equal($"{view.Metadata.Name}[1]", view.Status.Nodes[child].Name);
        Assert.Equal("hello", view.Node($"{view.Metadata.Name}[0].step1").Outputs?.Parameters?.Single(p => p.Name == "result").Value);
    }

    // Ports TestTemplateLevelTimeoutWithForbidden. Upstream sets a memory quota below the template's memory limit, so
    // Kubernetes forbids every pod: the nodes stay Pending without a pod and their template `timeout` (5 s, 10 s,
    // 15 s from an input) must still fail them, and the workflow (operator.go checkTemplateTimeouts: "This also
    // covers the resource-forbidden and synchronization scenarios"). Durango has no quota; what keeps a node Pending
    // without a process here is a lock held by another workflow, upstream's other case, so the template waits on a
    // mutex a blocker holds. Each node fails with upstream's message, "timeout"; the blocker is never disturbed.
    // Upstream's template-level `resources` is not a template field (its test's lenient decoding drops it; the quota
    // forbids pods without a memory limit anyway), and Durango's lint rejects unknown fields, so it is left out.
    // Difference found: a node waiting for a lock does not time out in Durango (its template's timeout starts with its
    // process), so the nodes wait until the blocker ends; upstream fails them with "timeout".
    [Fact(Skip = "difference: a template timeout does not apply while its node waits for a lock")]
    public async Task TemplateLevelTimeout_NodeThatCannotStart_FailsWithTimeout()
    {
        var mutex = "forbidden-" + Guid.NewGuid().ToString("N")[..8];
        var blocker = await _engine.SubmitAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: quota-blocker-}
            spec:
              entrypoint: hold
              synchronization: {mutexes: [{name: {{mutex}}}]}
              templates:
              - name: hold
                container: {image: argoproj/argosay:v2, args: [sleep, 300s]}
            """);
        try
        {
            // Running is shown before the workflow-level lock is taken: wait until the blocker holds it.
            await _engine.WaitUntilAsync(blocker, v => v.Status.Synchronization?.Mutex?.Holding is { Count: > 0 });
            var view = await _engine.RunAsync($$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: steps-tmpl-timeout-}
                spec:
                  entrypoint: hello-hello-hello
                  templates:
                  - name: hello-hello-hello
                    steps:
                    - - {name: hello1, template: whalesay, arguments: {parameters: [{name: message, value: "1s"}]}}
                      - {name: hello2a, template: whalesay, arguments: {parameters: [{name: message, value: "2s"}]}}
                      - {name: hello2b, template: whalesay, arguments: {parameters: [{name: message, value: "3s"}]}}
                  - name: whalesay
                    synchronization: {mutexes: [{name: {{{mutex}}}}]}
                    timeout: "{{inputs.parameters.message}}"
                    inputs: {parameters: [{name: message}]}
                    container: {image: argoproj/argosay:v2, args: [sleep, 30s]}
                """);

            Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
            foreach (var step in new[] { "hello1", "hello2a", "hello2b" })
            {
                Assert.Equal((NodePhase.Failed, "timeout"), (view.Node(step).Phase, view.Node(step).Message));
            }

            Assert.Equal(WorkflowPhase.Running, (await _engine.Workflows.GetAsync(blocker))!.Status.Phase);
        }
        finally
        {
            await _engine.Workflows.TerminateAsync(blocker);
        }
    }
}
