using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go for the features Durango runs (its retry tests are in
/// <see cref="ControllerRetryTests"/> and <see cref="ControllerRetryRuleTests"/>). Upstream checks pods and node
/// states between <c>operate</c> passes; the ports run the workflow to its end and check the nodes, their inputs and
/// outputs, the workflow's outputs and progress, and the order nodes ran in.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerOperatorTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestStepsOnExit: leafA fails; its onExit runs and is flagged a hook; leafB never runs, nor its onExit.
    [Fact]
    public async Task StepsOnExit_FailedStepsOnExitRuns_LaterStepsDoesNot()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-on-exit-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                steps:
                - - {name: leafA, onExit: exitContainer, template: whalesay}
                - - {name: leafB, onExit: exitContainer, template: whalesay}
              - name: whalesay
                container: {image: docker/whalesay, command: [sh, -c], args: [exit 1]}
              - name: exitContainer
                container: {image: docker/whalesay, command: [cowsay], args: [goodbye world]}
            """);

        var exit = view.Node("leafA.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.False(view.HasNode("leafB.onExit"));
    }

    // Ports TestStepsOnExitFailures: the exit handler sees workflow.failures (Go-quoted); the root node is Failed and
    // carries no flag.
    [Fact]
    public async Task StepsOnExitFailures_ExitHandlerSeesTheFailure()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handlers-}
            spec:
              entrypoint: intentional-fail
              onExit: exit-handler
              templates:
              - name: intentional-fail
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo intentional failure; exit 1"]}
              - name: exit-handler
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo 'send e-mail: {{workflow.name}} {{workflow.status}} {{workflow.duration}}. Failed steps {{workflow.failures}}'"]}
            """);

        var name = view.Metadata.Name;
        var log = await _engine.LogOfAsync(name, $"{name}.onExit");
        Assert.Contains($"[{{\\\"displayName\\\":\\\"{name}\\\",\\\"message\\\":\\\"", log, StringComparison.Ordinal);
        Assert.Contains($"\\\"templateName\\\":\\\"intentional-fail\\\",\\\"phase\\\":\\\"Failed\\\",\\\"podName\\\":\\\"{name}\\\"", log, StringComparison.Ordinal);
        var root = view.Node(name);
        Assert.Equal(NodePhase.Failed, root.Phase);
        Assert.Null(root.NodeFlag);
    }

    // Ports TestStepsOnExitTimeout: activeDeadlineSeconds 0 ends the suspended entry at once; the exit handler still
    // runs and is flagged a hook.
    [Fact]
    public async Task StepsOnExitTimeout_DeadlineZero_ExitHandlerRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handlers-}
            spec:
              entrypoint: intentional-fail
              activeDeadlineSeconds: 0
              onExit: exit-handler
              templates:
              - name: intentional-fail
                suspend: {}
              - name: exit-handler
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo send e-mail: {{workflow.name}} {{workflow.status}}."]}
            """);

        var exit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    // Ports TestNoOnExitWhenSkipped: a skipped task's onExit does not run.
    [Fact]
    public async Task NoOnExitWhenSkipped_SkippedTaskHasNoExitHandler()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-primay-branch-}
            spec:
              entrypoint: statis
              templates:
              - name: pass
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: exit
                container: {image: docker/whalesay:latest, command: [cowsay], args: [exit]}
              - name: statis
                dag:
                  tasks:
                  - {name: A, template: pass}
                  - {name: B, template: pass, dependencies: [A], onExit: exit, when: "{{tasks.A.status}} != Succeeded"}
                  - {name: C, template: pass, dependencies: [A]}
            """);

        Assert.Equal(NodePhase.Skipped, view.Node("B").Phase);
        Assert.False(view.HasNode("B.onExit"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestSequence: withSequence start 100 end 101 names the nodes by item and passes the item.
    [Fact]
    public async Task Sequence_StartEnd_NodesAndInputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: sequence-}
            spec:
              entrypoint: steps
              templates:
              - name: steps
                steps:
                  - - name: step1
                      template: echo
                      arguments: {parameters: [{name: msg, value: "{{item}}"}]}
                      withSequence: {start: "100", end: "101"}
              - name: echo
                inputs: {parameters: [{name: msg}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.msg}}"]}
            """);

        Assert.Equal("100", view.Node("step1(0:100)").Inputs!.Parameters[0].Value);
        Assert.Equal("101", view.Node("step1(1:101)").Inputs!.Parameters[0].Value);
    }

    // Ports TestExpandWithItemsMap: map items, their fields, and the item itself as compact JSON.
    [Fact]
    public async Task ExpandWithItemsMap_FieldsAndJson()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: expand-with-items-}
            spec:
              entrypoint: expand-with-items
              templates:
              - name: expand-with-items
                steps:
                - - name: whalesay
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{item.os}} {{item.version}} JSON({{item}})"}]}
                    withItems:
                    - {os: debian, version: 9.1}
                    - {os: debian, version: 9.1}
                    - {os: ubuntu, version: 16.10}
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [sh, -c], args: ["echo \"{{inputs.parameters.message}}\""]}
            """);

        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();
        Assert.Equal(3, pods.Count);
        var first = Assert.Single(pods, p => p.DisplayName.StartsWith("whalesay(0:", StringComparison.Ordinal));
        Assert.Equal("debian 9.1 JSON({\"os\":\"debian\",\"version\":9.1})", first.Inputs!.Parameters[0].Value);
    }

    // Ports TestInputParametersAsJson: {{workflow.parameters}} and {{inputs.parameters}} as JSON lists.
    [Fact]
    public async Task InputParametersAsJson_ListsOfNameAndValue()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: whalesay-}
            spec:
              entrypoint: steps
              arguments: {parameters: [{name: parameter1, value: value1}]}
              templates:
              - name: steps
                inputs:
                  parameters:
                  - {name: parameter1}
                  - {name: parameter2, value: template2}
                steps:
                  - - name: step1
                      template: whalesay
                      arguments: {parameters: [{name: json, value: "Workflow: {{workflow.parameters}}. Template: {{inputs.parameters}}"}]}
              - name: whalesay
                inputs: {parameters: [{name: json}]}
                container: {image: docker/whalesay:latest, command: [cowsay]}
            """);

        var pod = Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Pod);
        Assert.Equal(
            """Workflow: [{"name":"parameter1","value":"value1"}]. Template: [{"name":"parameter1","value":"value1"},{"name":"parameter2","value":"template2"}]""",
            pod.Inputs!.Parameters[0].Value);
    }

    // Ports TestSuspendTemplate: the workflow suspends at `approve` and starts nothing more until resumed; then
    // `release` runs.
    [Fact]
    public async Task SuspendTemplate_WaitsForResume_ThenTheNextStepRuns()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-template-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                steps:
                - - {name: approve, template: approve, arguments: {parameters: [{name: param1, value: value1}]}}
                - - {name: release, template: whalesay}
              - name: approve
                inputs: {parameters: [{name: param1}]}
                suspend: {}
              - name: whalesay
                container: {image: docker/whalesay, command: [cowsay], args: [hello world]}
            """);
        var suspended = await _engine.WaitUntilAsync(name, v => v.HasNode("approve") && v.Node("approve").Phase == NodePhase.Running);
        Assert.Equal(NodeType.Suspend, suspended.Node("approve").Type);
        Assert.False(suspended.HasNode("release"));

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.ResumeAsync(name));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("release").Phase);
    }

    // Ports TestSuspendWithDeadline: activeDeadlineSeconds 0 fails the suspend node with upstream's message.
    [Fact]
    public async Task SuspendWithDeadline_SuspendNodeFailsWithDeadlineMessage()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-template-}
            spec:
              entrypoint: suspend
              activeDeadlineSeconds: 0
              templates:
              - name: suspend
                suspend: {}
            """);

        var node = Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Suspend);
        Assert.Equal(NodePhase.Failed, node.Phase);
        Assert.Contains("Step exceeded its deadline", node.Message, StringComparison.Ordinal);
    }

    // Ports TestStepsFailFast: with failFast and parallelism 1 the first iteration's failure fails the loop and the
    // workflow.
    [Fact]
    public async Task StepsFailFast_FirstIterationFails_WorkflowFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: seq-loop-}
            spec:
              activeDeadlineSeconds: 300
              arguments:
                parameters:
                - name: items
                  value: |
                    ["a", "b", "c"]
              entrypoint: seq-loop
              templates:
              - name: seq-loop
                failFast: true
                parallelism: 1
                inputs: {parameters: [{name: items}]}
                steps:
                - - {name: iteration, template: iteration, withParam: "{{inputs.parameters.items}}"}
              - name: iteration
                steps:
                - - {name: step1, template: succeed-step}
                - - {name: step2, template: failed-step}
              - name: succeed-step
                container: {image: alpine, command: [/bin/sh, -c], args: [exit 0]}
              - name: failed-step
                retryStrategy: {limit: 1}
                container: {image: alpine, command: [/bin/sh, -c], args: [exit 1]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("iteration(0:a)").Phase);
        Assert.Equal(NodePhase.Failed, view.Node(view.Metadata.Name).Phase);
    }

    // Ports TestWorkflowParallelismLimit, TestStepsTemplateParallelismLimit and TestDAGTemplateParallelismLimit: never
    // more than two pods at once.
    [Theory]
    [InlineData("workflow")]
    [InlineData("steps")]
    [InlineData("dag")]
    public async Task ParallelismLimit_NeverMoreThanTwoAtOnce(string where)
    {
        var body = where == "dag"
            ? "    dag:\n      tasks:\n" + string.Concat("abcde".Select(c => $"      - {{name: {c}, template: sleep}}\n"))
            : "    steps:\n    - - name: sleep\n        template: sleep\n        withItems: [this, workflow, should, take, at, least, 60, seconds]\n";
        var view = await _engine.RunAsync(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: parallelism-limit-}\nspec:\n  entrypoint: main\n"
            + (where == "workflow" ? "  parallelism: 2\n" : string.Empty)
            + "  templates:\n  - name: main\n" + (where == "workflow" ? string.Empty : "    parallelism: 2\n") + body
            + "  - name: sleep\n    container: {image: alpine:3.23, command: [sh, -c, sleep 0.3]}\n");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(MostAtOnce(view) <= 2, $"{MostAtOnce(view)} pods ran at once");
    }

    // Ports TestNestedTemplateParallelismLimit: four workers at once, each running its four items one at a time.
    [Fact]
    public async Task NestedTemplateParallelismLimit_FourWorkersEachSequential()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parallelism-nested-}
            spec:
              arguments:
                parameters:
                - {name: seq-list, value: '["a","b","c","d"]'}
                - {name: parallel-list, value: '[1,2,3,4]'}
              entrypoint: parallel-worker
              templates:
              - name: parallel-worker
                inputs: {parameters: [{name: seq-list}, {name: parallel-list}]}
                steps:
                - - name: parallel-worker
                    template: seq-worker
                    arguments:
                      parameters:
                      - {name: seq-list, value: "{{inputs.parameters.seq-list}}"}
                      - {name: parallel-id, value: "{{item}}"}
                    withParam: "{{inputs.parameters.parallel-list}}"
              - name: seq-worker
                parallelism: 1
                inputs: {parameters: [{name: seq-list}, {name: parallel-id}]}
                steps:
                - - name: seq-step
                    template: one-job
                    arguments:
                      parameters:
                      - {name: parallel-id, value: "{{inputs.parameters.parallel-id}}"}
                      - {name: seq-id, value: "{{item}}"}
                    withParam: "{{inputs.parameters.seq-list}}"
              - name: one-job
                inputs: {parameters: [{name: seq-id}, {name: parallel-id}]}
                container: {image: alpine, command: [/bin/sh, -c], args: ["echo {{inputs.parameters.parallel-id}} {{inputs.parameters.seq-id}}; sleep 0.2"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();
        Assert.Equal(16, pods.Count);
        Assert.True(MostAtOnce(view) <= 4);
        foreach (var worker in pods.GroupBy(p => p.Inputs!.Parameters.Single(x => x.Name == "parallel-id").Value))
        {
            var ordered = worker.OrderBy(p => p.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].StartedAt >= ordered[i - 1].FinishedAt, $"worker {worker.Key} ran two items at once");
            }
        }
    }

    // Ports TestContainerOutputsResult: hello2 gets hello1's result, which names hello1's pod.
    [Fact]
    public async Task ContainerOutputsResult_NextStepGetsTheResult()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-}
            spec:
              entrypoint: hello-hello-hello
              templates:
              - name: hello-hello-hello
                steps:
                - - {name: hello1, template: whalesay, arguments: {parameters: [{name: message, value: hello1}]}}
                - - {name: hello2, template: whalesay, arguments: {parameters: [{name: message, value: "{{steps.hello1.outputs.result}}"}]}}
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: alpine:3.23, command: [echo], args: ["{{pod.name}}: {{inputs.parameters.message}}"]}
            """);

        var hello1 = view.Node("hello1");
        Assert.Equal(hello1.Outputs!.Result, view.Node("hello2").Inputs!.Parameters[0].Value);
        Assert.EndsWith(": hello1", hello1.Outputs.Result, StringComparison.Ordinal);
    }

    // Ports TestParamAggregation: the loop's aggregated parameters reach the next tasks as JSON lists in item order.
    [Fact]
    public async Task ParamAggregation_AggregatedListsInItemOrder()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parameter-aggregation-dag-}
            spec:
              entrypoint: parameter-aggregation
              templates:
              - name: parameter-aggregation
                dag:
                  tasks:
                  - {name: odd-or-even, template: odd-or-even, arguments: {parameters: [{name: num, value: "{{item}}"}]}, withItems: [1, 2]}
                  - {name: print-nums, template: whalesay, dependencies: [odd-or-even], arguments: {parameters: [{name: message, value: "{{tasks.odd-or-even.outputs.parameters.num}}"}]}}
                  - {name: print-evenness, template: whalesay, dependencies: [odd-or-even], arguments: {parameters: [{name: message, value: "{{tasks.odd-or-even.outputs.parameters.evenness}}"}]}}
              - name: odd-or-even
                inputs: {parameters: [{name: num}]}
                container:
                  image: alpine:3.23
                  command: [sh, -c]
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
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
            """);

        Assert.Equal("""["odd","even"]""", view.Node("print-evenness").Inputs!.Parameters[0].Value);
        Assert.Equal("""["1","2"]""", view.Node("print-nums").Inputs!.Parameters[0].Value);
    }

    // Ports TestWorkflowMainEntrypointVariable.
    [Fact]
    public async Task WorkflowMainEntrypointVariable_IsTheEntrypoint()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [echo], args: ["{{workflow.mainEntrypoint}}"]}
            """);

        Assert.Equal("whalesay", view.Node(view.Metadata.Name).Outputs!.Result);
    }

    // Ports TestWithSequenceExpressionPreservesGlobalScope: an expression over the item and an input in a sequence
    // loop.
    [Fact]
    public async Task WithSequenceExpressionPreservesGlobalScope_ItemAndInputBothResolve()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: withsequence-expr-test-}
            spec:
              entrypoint: start
              templates:
                - name: start
                  inputs: {parameters: [{name: someInt, value: "12"}]}
                  steps:
                    - - name: create-sequence
                        template: print-argument
                        arguments: {parameters: [{name: arg, value: "{{= int(item) + int(inputs.parameters.someInt) }}"}]}
                        withSequence: {count: "2"}
                - name: print-argument
                  inputs: {parameters: [{name: arg}]}
                  container: {image: alpine:3.23, command: [echo], args: ["{{inputs.parameters.arg}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Null(view.Status.Message);
        Assert.Equal("12", view.Node("create-sequence(0:0)").Inputs!.Parameters[0].Value);
        Assert.Equal("13", view.Node("create-sequence(1:1)").Inputs!.Parameters[0].Value);
    }

    // Ports TestUnsuppliedArgValue: a spec.arguments parameter without value or valueFrom. Upstream fails the
    // workflow with "invalid spec: spec.arguments.missing.value or spec.arguments.missing.valueFrom is required";
    // Durango refuses it at submission.
    [Fact]
    public async Task UnsuppliedArgValue_Refused()
    {
        var outcome = await _engine.Workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wf-with-unsupplied-param-}
            spec:
              arguments: {parameters: [{name: missing}]}
              entrypoint: whalesay
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
            """, "test.yaml", []));

        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        Assert.Contains("spec.arguments", string.Join("\n", outcome.Diagnostics), StringComparison.Ordinal);
    }

    // Ports TestSuppliedArgValue: valueFrom.supplied next to a value; the value is the parameter.
    [Fact]
    public async Task SuppliedArgValue_ValueIsUsed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wf-with-supplied-param-}
            spec:
              arguments:
                parameters:
                - {name: message, value: argo, valueFrom: {supplied: {}}}
              entrypoint: whalesay
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [echo], args: ["{{workflow.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("argo", view.Node(view.Metadata.Name).Outputs!.Result);
    }

    // Ports TestGlobalParams: the workflow.* globals upstream lists all resolve.
    [Fact]
    public async Task GlobalParams_AllResolve()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                container:
                  image: docker/whalesay:latest
                  command: [echo]
                  args:
                  - "{{workflow.creationTimestamp}}|{{workflow.creationTimestamp.Y}}|{{workflow.creationTimestamp.s}}|{{workflow.creationTimestamp.RFC3339}}|{{workflow.duration}}|{{workflow.name}}|{{workflow.namespace}}|{{workflow.mainEntrypoint}}|{{workflow.parameters}}|{{workflow.annotations}}|{{workflow.labels}}|{{workflow.uid}}"
            """);

        var result = view.Node(view.Metadata.Name).Outputs!.Result!;
        Assert.DoesNotContain("{{", result, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", result.Split('|')[0], StringComparison.Ordinal);
        Assert.Contains(view.Metadata.Uid, result, StringComparison.Ordinal);
    }

    // Ports TestWithParamAsJsonList: a list of lists expands to four steps.
    [Fact]
    public async Task WithParamAsJsonList_FourSteps()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: expand-with-items-}
            spec:
              entrypoint: expand-with-items
              arguments: {parameters: [{name: input, value: '[[1,2],[3,4],[4,5],[106,7]]'}]}
              templates:
              - name: expand-with-items
                steps:
                - - name: whalesay
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{item}}"}]}
                    withParam: "{{workflow.parameters.input}}"
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                script: {image: alpine:3.23, command: [sh, -c], args: ["echo result was: {{inputs.parameters.message}}"], source: ""}
            """);

        Assert.Equal(4, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod));
        Assert.Equal("[106,7]", view.Node("whalesay(3:[106,7])").Inputs!.Parameters[0].Value);
    }

    // Ports TestNestedStepGroupGlobalParams: a nested steps output with a globalName becomes the workflow's output.
    [Fact]
    public async Task NestedStepGroupGlobalParams_WorkflowOutput()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-outputs-}
            spec:
              entrypoint: generate-globals
              templates:
              - name: generate-globals
                steps:
                - - {name: generate, template: nested-global-output-generation}
              - name: output-generation
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt"]}
                outputs: {parameters: [{name: hello-param, valueFrom: {path: /tmp/hello_world.txt}}]}
              - name: nested-global-output-generation
                outputs:
                  parameters:
                  - {name: hello-param, globalName: global-param, valueFrom: {parameter: "{{steps.generate-output.outputs.parameters.hello-param}}"}}
                steps:
                - - {name: generate-output, template: output-generation}
            """);

        var generate = view.Node("generate");
        var parameter = Assert.Single(generate.Outputs!.Parameters);
        Assert.Equal("hello-param", parameter.Name);
        Assert.Equal("hello world", parameter.Value);
        var global = Assert.Single(view.Status.Outputs!.Parameters);
        Assert.Equal("global-param", global.Name);
        Assert.Equal("hello world", global.Value);
    }

    // Ports TestTemplateTimeoutDuration (step and DAG): a template's timeout fails its node and the workflow.
    [Fact]
    public async Task TemplateTimeoutDuration_StepAndDagTimeOut()
    {
        var steps = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-step-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: step1, template: whalesay}
              - name: whalesay
                timeout: 1s
                container: {image: docker/whalesay:latest, command: [sleep, "30"]}
            """);
        Assert.Equal(WorkflowPhase.Failed, steps.Status.Phase);
        Assert.Equal(NodePhase.Failed, steps.Node("step1").Phase);

        var dag = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-dag-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: dag1, template: whalesay, arguments: {parameters: [{name: deadline, value: 1s}]}}
                  - {name: dag2, template: whalesay, arguments: {parameters: [{name: deadline, value: 1s}]}}
              - name: whalesay
                inputs: {parameters: [{name: deadline}]}
                timeout: "{{inputs.parameters.deadline}}"
                container: {image: docker/whalesay:latest, command: [sleep, "30"]}
            """);
        Assert.Equal(WorkflowPhase.Failed, dag.Status.Phase);
        Assert.Equal(NodePhase.Failed, dag.Node(dag.Metadata.Name).Phase);
    }

    // Ports TestInlineTemplateReferenceOuterTemplateWorkflow: an inline steps template refers to a template of the
    // workflow; its step runs (and fails).
    [Fact]
    public async Task InlineTemplateReferenceOuterTemplate_Runs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: inline-composite-retry-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                  - - name: step1
                      inline:
                        steps:
                        - - {name: fail, template: fail}
                - name: fail
                  container: {image: alpine:latest, command: [sh, -c], args: [exit 1]}
            """);

        Assert.Equal(NodePhase.Failed, view.Node("step1").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("fail").Phase);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    // Ports TestWorkflowInterpolatesNodeNameField: {{node.name}} in a nested steps template is its node's name.
    [Fact]
    public async Task WorkflowInterpolatesNodeNameField_NodeName()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: this-is-part-1, template: main2}
                - name: main2
                  steps:
                    - - name: this-is-part-2
                        template: whalesay
                        arguments: {parameters: [{name: message, value: "{{node.name}}"}]}
                - name: whalesay
                  inputs: {parameters: [{name: message}]}
                  container: {image: docker/whalesay:latest, command: [cowsay], args: ["{{ inputs.parameters.message }}"]}
            """);

        var pod = Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Pod);
        Assert.Equal($"{view.Metadata.Name}.this-is-part-1", pod.Inputs!.Parameters[0].Value);
    }

    // Ports TestDefaultProgress: progress 1/1, on the workflow, its entry node and the pod, and the completed label once done.
    [Fact]
    public async Task DefaultProgress_OneOfOneAndCompleted()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: my-wf-}
            spec:
              entrypoint: main
              templates:
               - name: main
                 dag:
                   tasks:
                   - {name: pod, template: pod}
               - name: pod
                 container: {image: my-image, command: [true]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("1/1", view.Status.Progress);
        Assert.Equal("1/1", view.Node(view.Metadata.Name).Progress);
        Assert.Equal("1/1", view.Node("pod").Progress);
        Assert.Equal("true", view.Metadata.Labels["workflows.argoproj.io/completed"]);
    }

    // workflow/progress/updater.go on a real run: a steps node sums what is below it, failed children included (a step
    // that continues on failure), so a Succeeded workflow may show 1/2; a group sums its own steps and, as the next group
    // hangs under them (steps.go), the groups after it; a pod keeps its own.
    [Fact]
    public async Task Progress_StepsNodeSumsItsChildren_FailedIncluded()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: progress-steps-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: ok, template: ok}
                - - {name: bad, template: bad, continueOn: {failed: true}}
              - name: ok
                container: {image: my-image, command: [true]}
              - name: bad
                container: {image: my-image, command: [false]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("1/2", view.Status.Progress);
        Assert.Equal("1/2", view.Node(view.Metadata.Name).Progress);
        Assert.Equal("1/2", view.Node($"{view.Metadata.Name}[0]").Progress);
        Assert.Equal("1/1", view.Node("ok").Progress);
        Assert.Equal("0/1", view.Node($"{view.Metadata.Name}[1]").Progress);
        Assert.Equal("0/1", view.Node("bad").Progress);
    }

    // Ports TestSuspendResumeAfterTemplate and TestSuspendResumeAfterTemplateNoWait: a suspend with a duration resumes
    // by itself, not before the duration, then `release` runs.
    [Fact]
    public async Task SuspendResumeAfterTemplate_ResumesByItself()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-template-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                steps:
                - - {name: approve, template: approve}
                - - {name: release, template: whalesay}
              - name: approve
                suspend: {duration: "1"}
              - name: whalesay
                container: {image: docker/whalesay, command: [cowsay], args: [hello world]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var approve = view.Node("approve");
        Assert.True(approve.FinishedAt - approve.StartedAt >= TimeSpan.FromSeconds(1));
        Assert.True(view.Node("release").StartedAt >= approve.FinishedAt);
    }

    // Ports TestSuspendInputsResolution: a suspend node shows its resolved inputs.
    [Fact]
    public async Task SuspendInputsResolution_InputsOnTheSuspendNode()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-template-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                inputs:
                  parameters:
                  - {name: param1, value: "{\"enum\": [\"one\", \"two\", \"three\"]}"}
                  - {name: param2, value: value2}
                suspend: {}
            """);
        var running = await _engine.WaitUntilAsync(name, v => v.HasNode(name) && v.Node(name).Phase == NodePhase.Running);
        var node = running.Node(name);
        Assert.Equal(NodeType.Suspend, node.Type);
        Assert.Equal("param1", node.Inputs!.Parameters[0].Name);
        Assert.Equal("{\"enum\": [\"one\", \"two\", \"three\"]}", node.Inputs.Parameters[0].Value);
        Assert.Equal("param2", node.Inputs.Parameters[1].Name);
        Assert.Equal("value2", node.Inputs.Parameters[1].Value);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.ResumeAsync(name));
        Assert.Equal(WorkflowPhase.Succeeded, (await _engine.WaitAsync(name)).Status.Phase);
    }

    // Ports TestSuspendTimeoutWithInputDefaults: a suspend that times out gives its supplied outputs the inputs'
    // defaults, and the next step gets them.
    [Fact]
    public async Task SuspendTimeoutWithInputDefaults_OutputsFromDefaults()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-with-input-defaults-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: wait, template: wait}
                - - name: print
                    template: print
                    arguments:
                      parameters:
                      - {name: input, value: "{{steps.wait.outputs.parameters.input}}"}
                      - {name: select, value: "{{steps.wait.outputs.parameters.select}}"}
              - name: wait
                suspend: {duration: "0s"}
                inputs:
                  parameters:
                  - {name: input, default: Hello World}
                  - {name: select, default: default, enum: [default, option1, option2]}
                outputs:
                  parameters:
                  - {name: input, valueFrom: {supplied: {}}}
                  - {name: select, valueFrom: {supplied: {}}}
              - name: print
                inputs: {parameters: [{name: input}, {name: select}]}
                container: {image: docker/whalesay, command: [cowsay], args: ["{{inputs.parameters.input}} - {{inputs.parameters.select}}"]}
            """);

        var wait = view.Node("wait");
        Assert.Equal("Hello World", wait.Outputs!.Parameter("input"));
        Assert.Equal("default", wait.Outputs.Parameter("select"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestSuspendTemplateWithFailedResume: stopping the suspended workflow with a message fails it, and the
    // step after the suspend never runs.
    [Fact]
    public async Task SuspendTemplateWithFailedResume_StopFailsItReleaseNeverRuns()
    {
        var name = await _engine.SubmitAsync(SuspendTemplate);
        await _engine.WaitUntilAsync(name, v => v.HasNode("approve") && v.Node("approve").Phase == NodePhase.Running);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.StopAsync(name, "Step failed!", CancellationToken.None));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("approve").Phase);
        Assert.False(view.HasNode("release"));
    }

    // Ports TestSuspendTemplateWithFilteredResume: a resume whose node selector matches nothing is refused (upstream's
    // ResumeWorkflow errs) and leaves the workflow suspended; one that matches the suspended node resumes it.
    [Fact]
    public async Task SuspendTemplateWithFilteredResume_OnlyAMatchingSelectorResumes()
    {
        var name = await _engine.SubmitAsync(SuspendTemplate);
        await _engine.WaitUntilAsync(name, v => v.HasNode("approve") && v.Node("approve").Phase == NodePhase.Running);

        var refused = await Assert.ThrowsAsync<ControlRefusedException>(() => _engine.Workflows.ResumeAsync(name, "inputs.parameters.param1.value=value2", CancellationToken.None));
        Assert.Contains("no suspend nodes matching nodeFieldSelector", refused.Message, StringComparison.Ordinal);
        var still = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal(NodePhase.Running, still.Node("approve").Phase);
        Assert.False(still.HasNode("release"));

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.ResumeAsync(name, "inputs.parameters.param1.value=value1", CancellationToken.None));
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("release").Phase);
    }

    // Ports TestExpandWithItems: items of every kind, five steps, named by their items.
    [Fact]
    public async Task ExpandWithItems_FiveStepsNamedByItem()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: expand-with-items-}
            spec:
              entrypoint: expand-with-items
              templates:
              - name: expand-with-items
                steps:
                - - name: whalesay
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{item}}"}]}
                    withItems: [string, 0, 0, false, 1.3]
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [sh, -c], args: ["cowsay {{inputs.parameters.message}}"]}
            """);

        Assert.Equal(5, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod));
        foreach (var name in new[] { "whalesay(0:string)", "whalesay(1:0)", "whalesay(2:0)", "whalesay(3:false)", "whalesay(4:1.3)" })
        {
            Assert.Equal(NodePhase.Succeeded, view.Node(name).Phase);
        }
    }

    // Ports TestFailSuspendedAndPendingNodesAfterDeadline (deadline shortened from 3 s to 1 s): every node ends Failed.
    [Fact]
    public async Task FailSuspendedNodesAfterDeadline_EveryNodeFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-}
            spec:
              activeDeadlineSeconds: 1
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: approve, template: approve}
              - name: approve
                suspend: {}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.All(view.Status.Nodes.Values, n => Assert.Equal(NodePhase.Failed, n.Phase));
    }

    private const string SuspendTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: suspend-template-}
        spec:
          entrypoint: suspend
          templates:
          - name: suspend
            steps:
            - - {name: approve, template: approve, arguments: {parameters: [{name: param1, value: value1}]}}
            - - {name: release, template: whalesay}
          - name: approve
            inputs: {parameters: [{name: param1}]}
            suspend: {}
          - name: whalesay
            container: {image: docker/whalesay, command: [cowsay], args: [hello world]}
        """;

    internal static int MostAtOnce(WorkflowView view)
    {
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod && n.StartedAt is not null && n.FinishedAt is not null).ToList();
        return pods.Max(p => pods.Count(o => o.StartedAt <= p.StartedAt && o.FinishedAt > p.StartedAt));
    }
}
