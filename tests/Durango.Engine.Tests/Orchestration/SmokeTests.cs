using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

public sealed class SmokeTests
{
    [Fact]
    public async Task Run_TwoSequentialSteps_PassesOutputAlong()
    {
        await using var engine = await EngineHarness.StartAsync();
        var view = await engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: world}]}
              templates:
                - name: main
                  steps:
                    - - name: greet
                        template: echo
                        arguments: {parameters: [{name: text, value: "hello {{workflow.parameters.who}}"}]}
                    - - name: shout
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.greet.outputs.result}}!"}]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world!", view.Node("shout").Outputs?.Result);
    }
}
