using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/functional_test.go (FunctionalSuite) for features Durango runs: each test names the upstream
/// test and fixture it ports and asserts what upstream asserts. The fixtures are adapted where they need Kubernetes.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class FunctionalSuiteTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestContinueOnFail: a steps node that continues on a failed DAG child; 7 nodes.
    [Fact]
    public async Task ContinueOnFail_FailedDagStepContinues_SevenNodes()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: continue-on-fail-}
            spec:
              entrypoint: main
              parallelism: 2
              templates:
              - name: main
                steps:
                - - name: A
                    template: whalesay
                  - name: B
                    template: boom
                    continueOn: {failed: true}
                - - name: C
                    template: whalesay
              - name: boom
                dag:
                  tasks:
                  - {name: B-1, template: whalesplosion}
              - name: whalesay
                container: {image: argoproj/argosay:v2}
              - name: whalesplosion
                container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(7, view.Status.Nodes.Count);
        var b = view.Node("B");
        Assert.Equal(NodePhase.Failed, b.Phase);
        Assert.Single(b.Children);
        Assert.Single(b.OutboundNodes!);
    }

    // Ports TestContinueOnFailDag.
    [Fact]
    public async Task ContinueOnFailDag_FailedTaskContinues_DependentRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: continue-on-failed-dag-}
            spec:
              entrypoint: workflow-ignore
              templates:
              - name: workflow-ignore
                dag:
                  failFast: false
                  tasks:
                  - {name: F, template: fail, continueOn: {failed: true}}
                  - {name: P, template: pass, dependencies: [F]}
              - name: pass
                container: {image: argoproj/argosay:v2}
              - name: fail
                container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("F").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("P").Phase);
    }

    // Ports TestParameterAggregation (functional/param-aggregation.yaml).
    [Fact]
    public async Task ParameterAggregation_LoopOverAggregatedOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parameter-aggregation-}
            spec:
              entrypoint: parameter-aggregation
              templates:
              - name: parameter-aggregation
                steps:
                - - name: odd-or-even
                    template: odd-or-even
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    withItems: [1, 2]
                - - name: divide-by-2
                    template: divide-by-2
                    arguments: {parameters: [{name: num, value: "{{item.num}}"}]}
                    withParam: "{{steps.odd-or-even.outputs.parameters}}"
                    when: "{{item.evenness}} == even"
                - - name: print
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{item}}"}]}
                    withParam: "{{steps.divide-by-2.outputs.parameters}}"
              - name: odd-or-even
                inputs: {parameters: [{name: num}]}
                container:
                  image: argoproj/argosay:v1
                  command: [sh, -xc]
                  args:
                  - |
                    echo {{inputs.parameters.num}} > /tmp/num &&
                    if [ $(({{inputs.parameters.num}}%2)) -eq 0 ]; then
                      echo "even" > /tmp/even;
                    else
                      echo "odd" > /tmp/even;
                    fi
                outputs:
                  parameters:
                  - {name: num, valueFrom: {path: /tmp/num}}
                  - {name: evenness, valueFrom: {path: /tmp/even}}
              - name: divide-by-2
                inputs: {parameters: [{name: num}]}
                container:
                  image: argoproj/argosay:v1
                  command: [sh, -c]
                  args: ["echo $(({{inputs.parameters.num}}/2)) > /tmp/res"]
                outputs:
                  parameters:
                  - {name: res, valueFrom: {path: /tmp/res}}
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("print(0:res:1)").Phase);
    }

    // Ports TestParameterAggregationFromOutputs (functional/param-aggregation-fromoutputs.yaml).
    [Fact]
    public async Task ParameterAggregationFromOutputs_NestedFanOutNamesItsNodesByItem()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: double-fan-out-using-param-}
            spec:
              entrypoint: main-dag
              templates:
              - name: operation
                inputs: {parameters: [{name: param1}]}
                outputs: {parameters: [{name: output1, valueFrom: {path: /tmp/fan_out.json}}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.param1}}", /tmp/fan_out.json]}
              - name: secondary-dag
                inputs: {parameters: [{name: param1}]}
                dag:
                  tasks:
                  - name: task3
                    template: operation
                    arguments: {parameters: [{name: param1, value: "{{item}}"}]}
                    withParam: "{{inputs.parameters.param1}}"
              - name: main-dag
                dag:
                  tasks:
                  - name: task1
                    template: operation
                    arguments:
                      parameters:
                      - name: param1
                        value: '[[{"key1": "value1"}, {"key2": "value2"}, {"key3": "value3"}], [{"key4": "value4"}, {"key5": "value5"}]]'
                  - name: task2
                    template: operation
                    depends: task1
                    arguments: {parameters: [{name: param1, value: "{{item}}"}]}
                    withParam: "{{tasks.task1.outputs.parameters.output1}}"
                  - name: task3-dag
                    template: secondary-dag
                    depends: task2
                    arguments: {parameters: [{name: param1, value: "{{item}}"}]}
                    withParam: "{{tasks.task2.outputs.parameters.output1}}"
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var name in new[] { "task3(0:key1:value1)", "task3(1:key2:value2)", "task3(2:key3:value3)", "task3(0:key4:value4)", "task3(1:key5:value5)" })
        {
            Assert.True(view.HasNode(name), name);
        }
    }

    // Ports TestDAGDepends (functional/dag-depends.yaml).
    [Fact]
    public async Task DagDepends_ResultsAndLogic()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-depends-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: P, template: pass}
                  - {name: F, template: fail}
                  - {name: should-execute-1, depends: "P && (F.Succeeded || F.Failed)", template: pass}
                  - {name: should-execute-2, depends: "P || F", template: pass}
                  - {name: should-not-execute, depends: "P && F", template: pass}
                  - {name: should-execute-3, depends: "should-execute-2.Succeeded || should-not-execute", template: pass}
              - name: pass
                container: {image: argoproj/argosay:v2}
              - name: fail
                container: {image: argoproj/argosay:v2, args: ["exit 1"]}
            """);

        Assert.Equal(NodePhase.Succeeded, view.Node("should-execute-1").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("should-execute-2").Phase);
        Assert.Equal(NodePhase.Omitted, view.Node("should-not-execute").Phase);
    }

    // Ports TestTemplateLevelTimeout: a template's timeout taken from its input fails the workflow.
    [Fact]
    public async Task TemplateLevelTimeout_FromAnInput_FailsTheWorkflow()
    {
        var view = await _engine.RunAsync("""
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
                timeout: "{{inputs.parameters.message}}"
                inputs: {parameters: [{name: message}]}
                container: {image: argoproj/argosay:v2, args: [sleep, 30s]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    // Ports TestTemplateDefaultImage (functional/template-default-image.yaml): templateDefaults give script and
    // container their image, command and working directory.
    [Fact]
    public async Task TemplateDefaultImage_ScriptAndContainerRunWithDefaults()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: template-default-}
            spec:
              entrypoint: entrypoint
              templateDefaults:
                script: {image: argoproj/argosay:v1, command: [sh]}
                container: {image: argoproj/argosay:v1, command: [sh, -c]}
              templates:
              - name: entrypoint
                steps:
                - - {name: test-script, template: test-script}
                  - {name: test-container, template: test-container}
              - name: test-script
                script:
                  source: |
                    echo script-ran
              - name: test-container
                container:
                  args: ["echo container-ran"]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("script-ran", view.Node("test-script").Outputs?.Result);
        Assert.Contains("container-ran", await _engine.LogOfAsync(view.Metadata.Name, "test-container"), StringComparison.Ordinal);
    }

    // Ports TestEntrypointName (functional/entrypointName-template.yaml, entrypointName-workflow.yaml):
    // workflow.mainEntrypoint inside a referenced WorkflowTemplate is the workflow's entrypoint.
    [Fact]
    public async Task EntrypointName_MainEntrypointSeenInsideTemplateRef()
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: next-template-entrypoint}
            spec:
              entrypoint: next
              templates:
              - name: next
                inputs:
                  parameters:
                  - name: test
                    value: "{{ workflow.mainEntrypoint }}"
                container: {image: argoproj/argosay:v2, args: [echo, "We got here!"]}
            """, "next-template.yaml", TemplateService.Write.Create);
        Assert.Equal(TemplateStatus.Done, put.Status);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: bar-}
            spec:
              entrypoint: bar
              templates:
              - name: bar
                steps:
                - - name: step
                    templateRef: {name: next-template-entrypoint, template: next}
            """);

        var step = view.Node("step");
        Assert.Equal(NodePhase.Succeeded, step.Phase);
        Assert.Equal("bar", step.Inputs!.Parameters[0].Value);
    }

    // Ports TestWorkflowParallelismStepFailFast (expectedfailures/parallelism-step-fail-fast.yaml).
    [Fact]
    public async Task ParallelismStepFailFast_GroupFailsStepsFinish()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parallelism-step-fail-fast-}
            spec:
              entrypoint: main
              templates:
              - name: main
                parallelism: 2
                failFast: true
                steps:
                - - {name: step1, template: fail}
                  - {name: step2, template: sleep}
              - name: fail
                container: {image: argoproj/argosay:v2, command: [exit, "1"]}
              - name: sleep
                container: {image: argoproj/argosay:v2, command: [sleep, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("template has failed or errored children and failFast enabled", view.Status.Message);
        Assert.Equal(NodePhase.Failed, view.Node("[0]").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("step1").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("step2").Phase);
    }

    // Ports TestWorkflowParallelismDAGFailFast (expectedfailures/parallelism-dag-fail-fast.yaml).
    [Fact]
    public async Task ParallelismDagFailFast_TaskFailsOtherFinishes()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parallelism-dag-fail-fast-}
            spec:
              entrypoint: main
              templates:
              - name: main
                parallelism: 2
                failFast: true
                dag:
                  tasks:
                  - {name: task1, template: fail}
                  - {name: task2, template: sleep}
              - name: fail
                container: {image: argoproj/argosay:v2, args: [exit, "1"]}
              - name: sleep
                container: {image: argoproj/argosay:v2, args: [sleep, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("template has failed or errored children and failFast enabled", view.Status.Message);
        Assert.Equal(NodePhase.Failed, view.Node("task1").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("task2").Phase);
    }

    // Ports TestJSONVariables (testdata/json-variables.yaml): workflow.labels.json, workflow.annotations.json and
    // workflow.parameters.json read with jsonpath.
    [Fact]
    public async Task JsonVariables_LabelsAnnotationsParametersAsJson()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: json-variables-
              labels: {myLabel: myLabelValue}
              annotations: {myAnnotation: myAnnotationValue}
            spec:
              entrypoint: argosay1
              arguments:
                parameters:
                - {name: myParam, value: myParamValue}
              templates:
              - name: argosay1
                container:
                  image: argoproj/argosay:v1
                  command: [echo]
                  args:
                  - "{{=jsonpath(workflow.labels.json, '$.myLabel')}}"
                  - "{{=jsonpath(workflow.annotations.json, '$.myAnnotation')}}"
                  - "{{=jsonpath(workflow.parameters.json, '$[0].value')}}"
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("myLabelValue myAnnotationValue myParamValue", view.Status.Nodes.Values.Single(n => n.Type == NodeType.Pod).Outputs?.Result);
    }
}
