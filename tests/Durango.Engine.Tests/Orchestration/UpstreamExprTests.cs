using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// Expressions in when, arguments and depends, ported from upstream test/e2e/functional_test.go and expr_lang_test.go, with workflows written
/// for Durango's harness (the same features, not the same text).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class UpstreamExprTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestStepsWhenExprFilter (functional/steps-when-expr-filter.yaml): concat, toJSON, get, ?? and the pipe
    // into fromJSON and join, inside an input value and a when.
    [Fact]
    public async Task When_FilterBuiltByBuiltins_EveryItemRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: when-filter-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  inputs:
                    parameters:
                      - {name: enabled, value: 'true'}
                      - name: kinds
                        value: "{{= concat(['always'], inputs.parameters.enabled == 'true' ? ['test'] : []) | toJSON() }}"
                  steps:
                    - - name: fst
                        template: run
                        when: >-
                          "{{= get(item, 'type') ?? 'always' }}" in
                          ("{{= inputs.parameters.kinds | fromJSON() | join('","') }}","")
                        withParam: '[{"name": "first", "type": ""}, {"name": "second", "type": "always"}, {"name": "third", "type": "test"}, {"name": "fourth"}]'
                        arguments:
                          parameters:
                            - {name: name, value: "{{item.name}}"}
                - name: run
                  inputs: {parameters: [{name: name}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.name}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var name in new[] { "fst(0:name:first,type:)", "fst(1:name:second,type:always)", "fst(2:name:third,type:test)", "fst(3:name:fourth)" })
        {
            Assert.Equal(NodePhase.Succeeded, view.Node(name).Phase);
        }
    }

    // Ports TestDAGWhenExprSkip (functional/dag-when-expr-skip.yaml): a false when skips the task before its
    // argument expression (a jsonpath over an empty parameter) is evaluated.
    [Fact]
    public async Task When_FalseBeforeFailingArgument_TaskSkippedAndWorkflowSucceeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-when-skip-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: data, value: ''}]}
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: A, template: echo, arguments: {parameters: [{name: message, value: A}]}}
                      - name: B
                        dependencies: [A]
                        when: "{{= workflow.parameters.data != '' }}"
                        template: echo
                        arguments: {parameters: [{name: message, value: "{{= jsonpath(workflow.parameters.data, '$.id') }}"}]}
                - name: echo
                  inputs: {parameters: [{name: message}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("B").Phase);
    }

    // Ports test/e2e/expr_lang_test.go TestShadowedExprFunctionsAsTaskNames: tasks named like expr-lang functions.
    [Fact]
    public async Task Depends_TasksNamedLikeFunctions_BothSucceed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: shadowed-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: split, template: foo}
                      - {name: map, template: foo, depends: split}
                - name: foo
                  container: {image: alpine, command: [echo, foo]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("split").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("map").Phase);
    }

    // Ports test/e2e/expr_lang_test.go TestItemInSprigExpr: item inside a sprig call in an argument.
    [Fact]
    public async Task Argument_SprigOverItem_InputIsUpperCase()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: item-in-sprig-}
            spec:
              entrypoint: loop
              templates:
                - name: print
                  inputs: {parameters: [{name: message}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
                - name: loop
                  steps:
                    - - name: print-message-loop
                        template: print
                        withItems: [example]
                        arguments: {parameters: [{name: message, value: "{{=sprig.upper(item)}}"}]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("EXAMPLE", view.Node("print-message-loop(0:example)").Inputs?.Parameters[0].Value);
    }
}
