using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class LoopTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task WithItems_Strings_ExpandInParallelAndAggregateResults()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: items-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: say
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{item}}"}]}
                        withItems: [a, b, c]
                    - - name: all
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.say.outputs.result}}"}]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(["say(0:a)", "say(1:b)", "say(2:c)"], view.Node($"{view.Metadata.Name}[0]").Children.Select(id => view.Status.Nodes[id].DisplayName));
        Assert.Equal("""["a","b","c"]""", view.Node("all").Outputs?.Result);
    }

    [Fact]
    public async Task WithItems_Maps_ExposeKeysAndNameNodesArgoStyle()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: maps-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: os
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{item.image}} {{item.tag}}"}]}
                        withItems:
                          - {image: debian, tag: "9.1"}
                          - {image: alpine, tag: "3.6"}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("debian 9.1", view.Node("os(0:image:debian,tag:9.1)").Outputs?.Result);
        Assert.Equal("alpine 3.6", view.Node("os(1:image:alpine,tag:3.6)").Outputs?.Result);
    }

    [Fact]
    public async Task WithParam_FromPreviousStepJson_FansOut()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: param-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: gen, template: gen}
                    - - name: use
                        template: echo
                        arguments: {parameters: [{name: text, value: "n={{item}}"}]}
                        withParam: "{{steps.gen.outputs.result}}"
                - name: gen
                  script:
                    image: python:alpine
                    command: [python3]
                    source: |
                      import json
                      print(json.dumps([1, 2, 3, 4]))
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(4, view.Status.Nodes.Values.Count(n => n.DisplayName.StartsWith("use(", StringComparison.Ordinal)));
        Assert.Equal("n=4", view.Node("use(3:4)").Outputs?.Result);
    }

    [Fact]
    public async Task WithSequence_CountAndFormat_GenerateFormattedItems()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: seq-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: count
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{item}}"}]}
                        withSequence: {count: "3"}
                      - name: range
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{item}}"}]}
                        withSequence: {start: "5", end: "3", format: "x%02d"}
                    - - name: results
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.count.outputs.result}} {{steps.range.outputs.result}}"}]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("""[0,1,2] ["x05","x04","x03"]""", view.Node("results").Outputs?.Result);
    }

    [Fact]
    public async Task WithItems_OutputParameters_AggregateAsJsonLists()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aggregate-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: make
                        template: make
                        arguments: {parameters: [{name: n, value: "{{item}}"}]}
                        withItems: [1, 2]
                    - - name: show
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.make.outputs.parameters.sq}} {{steps.make.outputs.parameters}}"}]}
                - name: make
                  inputs: {parameters: [{name: n}]}
                  script:
                    image: alpine
                    command: [sh]
                    source: echo $(( {{inputs.parameters.n}} * {{inputs.parameters.n}} )) > sq.txt
                  outputs:
                    parameters:
                      - name: sq
                        valueFrom: {path: sq.txt}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("""["1","4"] [{"sq":"1"},{"sq":"4"}]""", view.Node("show").Outputs?.Result);
    }
}
