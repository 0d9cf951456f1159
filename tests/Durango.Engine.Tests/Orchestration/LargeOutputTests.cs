using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Testing;
using Durango.Testing.Scenarios;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>Large outputs on the in-memory backend (the Azure Storage tests run the same scenario).</summary>
[Collection(EngineCollection.Name)]
public sealed class LargeOutputTests(EngineFixture fixture)
{
    [Fact]
    public async Task LargeOutputs_GoByReference_AndReachTagsExpressionsWhenAndWithParam() => await LargeOutputScenario.RunAsync(fixture.Engine);

    [Fact]
    public async Task LargeOutput_AsARawInputArtifact_ReachesTheStepAsItsValue()
    {
        // The token is substituted in the caller's scope and reaches the step in its input artifact's raw data.
        var view = await fixture.Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: large-raw-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: big, template: big}
                    - - name: read
                        template: read
                        arguments: {artifacts: [{name: text, raw: {data: "{{steps.big.outputs.result}}"}}]}
                - name: big
                  script:
                    image: alpine
                    command: [sh]
                    source: head -c 100000 /dev/zero | tr '\0' x
                - name: read
                  inputs: {artifacts: [{name: text, path: /tmp/text}]}
                  container: {image: alpine, command: [sh, -c, "wc -c < /tmp/text; head -c 3 /tmp/text"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(OutputReferences.Contains(view.Node("big").Outputs?.Result), view.Node("big").Outputs?.Result);
        Assert.Equal("100000\nxxx", view.Node("read").Outputs?.Result?.Trim());
    }
}
