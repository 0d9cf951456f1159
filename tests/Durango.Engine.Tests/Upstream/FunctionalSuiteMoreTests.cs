using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// More ports of test/e2e/functional_test.go (FunctionalSuite): conditionals in both dialects, and a nested steps
/// template passing on an optional input artifact that was not supplied. TestTemplateLevelTimeoutWithForbidden is
/// ported in <see cref="LockTimeoutTests"/>, with a lock in place of upstream's memory quota.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
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
    // Difference found and fixed: Durango errored execute-script with "unable to resolve artifact 'inputFile' from
    // {{inputs.artifacts.inputFile}}" (an argument artifact `from` an optional input artifact that was not supplied),
    // where upstream passes it on as absent (Semantics/ArtifactRules.cs now does). The pod's one child is the caller's
    // next group (steps.go: a later group hangs under the outbound nodes of the group before it, here the nested
    // steps' last pod).
    [Fact]
    public async Task MissingStepsInUI_AbsentOptionalInputArtifactPassedOn_Succeeds()
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
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}[0].step1[0].execute-script").Phase);
        Assert.Equal([view.Node($"{view.Metadata.Name}[1]").Id], view.Node($"{view.Metadata.Name}[0].step1[0].execute-script").Children);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}[1].step2[0].execute-script").Phase);
        Assert.Equal("hello", view.Node($"{view.Metadata.Name}[0].step1").Outputs?.Parameters?.Single(p => p.Name == "result").Value);
    }
}
