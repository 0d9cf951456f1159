using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/dag_test.go that run a workflow. Upstream runs one or two <c>operate</c> passes over
/// a fake cluster (often from a status fixture, with pods marked by hand); the ports run the workflow to its end on
/// the process runtime and assert the same phases, node names, flags, inputs and outputs, and where upstream checks
/// that a node is not created yet, the order the nodes ran in.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerDagTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestDagXfail (testdata/dag_xfail.yaml): C fails, so D never runs and the workflow fails.
    [Fact]
    public async Task DagXfail_FailedBranch_WorkflowFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-fail-}
            spec:
              entrypoint: diamond
              templates:
              - name: echo
                inputs: {parameters: [{name: cmd}]}
                container: {image: alpine:3.23, command: [sh, -c], args: ["{{inputs.parameters.cmd}}"]}
              - name: diamond
                dag:
                  tasks:
                  - {name: A, template: echo, arguments: {parameters: [{name: cmd, value: echo A}]}}
                  - {name: B, template: echo, dependencies: [A], arguments: {parameters: [{name: cmd, value: echo B}]}}
                  - {name: C, template: echo, dependencies: [A], arguments: {parameters: [{name: cmd, value: echo C; exit 1}]}}
                  - {name: D, template: echo, dependencies: [B, C], arguments: {parameters: [{name: cmd, value: echo D}]}}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("C").Phase);
        Assert.Equal(NodePhase.Omitted, view.Node("D").Phase);
    }

    // Ports TestDagRetrySucceeded (testdata/dag_retry_succeeded.yaml), with an attempt that fails on purpose in
    // place of $RANDOM: the retried task succeeds, so the DAG does.
    [Fact]
    public async Task DagRetrySucceeded_RetryRecovers_WorkflowSucceeded()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-with-retries-}
            spec:
              entrypoint: dag-with-retries
              templates:
              - name: dag-with-retries
                dag:
                  tasks:
                  - {name: step1, template: randomly-fail}
              - name: randomly-fail
                retryStrategy: {limit: 10}
                container: {image: alpine:3.23, command: [sh, -c], args: ["exit $(( {{retries}} < 2 ))"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(3, view.Node("step1").Children.Count);
    }

    // Ports TestDagRetryExhaustedXfail (testdata/dag-exhausted-retries-xfail.yaml): a nested DAG whose task runs out
    // of retries fails the workflow, and the task after it is not run.
    [Fact]
    public async Task DagRetryExhaustedXfail_NestedDagExhaustsRetries_WorkflowFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-with-dags-}
            spec:
              entrypoint: retry-with-dags
              templates:
              - name: retry-with-dags
                dag:
                  tasks:
                  - {name: success1, template: success}
                  - {name: sub-dag1, template: sub-dag, dependencies: [success1]}
                  - {name: success2, template: success, dependencies: [sub-dag1]}
              - name: sub-dag
                dag:
                  tasks:
                  - {name: fail, template: fail}
              - name: fail
                retryStrategy: {limit: 1}
                container: {image: alpine, command: [sh, -c, exit 1]}
              - name: success
                retryStrategy: {limit: 1}
                container: {image: alpine, command: [sh, -c, exit 0]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.NoMoreRetries, view.Node("fail").Message);
        Assert.Equal(NodePhase.Omitted, view.Node("success2").Phase);
    }

    // Ports TestDagDisableFailFast (testdata/dag-disable-fail-fast.yaml): with failFast false the other branch runs
    // to its end, and the DAG still fails.
    [Fact]
    public async Task DagDisableFailFast_OtherBranchCompletes_WorkflowFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-disable-fail-fast-}
            spec:
              entrypoint: statis
              templates:
              - name: a
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: b
                retryStrategy: {limit: 2}
                container: {image: alpine:3.23, command: [sh, -c], args: [sleep 1; echo haha]}
              - name: c
                retryStrategy: {limit: 1}
                container: {image: alpine:3.23, command: [sh, -c], args: [echo intentional failure; exit 2]}
              - name: d
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: statis
                dag:
                  failFast: false
                  tasks:
                  - {name: A, template: a}
                  - {name: B, template: b, dependencies: [A]}
                  - {name: C, template: c, dependencies: [A]}
                  - {name: D, template: d, dependencies: [B]}
                  - {name: E, template: d, dependencies: [D]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("C").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("E").Phase);
    }

    // Ports TestSingleDependency: `depends: A.<phase>` lets TestSingle run when A ended that way.
    [Theory]
    [InlineData("Succeeded", "")]
    [InlineData("Failed", "")]
    [InlineData("Skipped", "when: \"False == True\"")]
    public async Task SingleDependency_DependsOnEachResult_DependentRuns(string status, string when)
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-diamond-}
            spec:
              entrypoint: diamond
              templates:
              - name: diamond
                dag:
                  tasks:
                  - name: A
                    template: STATUS
                    WHEN
                  - {name: TestSingle, template: Succeeded, depends: A.STATUS}
              - name: Succeeded
                container: {image: alpine:3.23, command: [sh, -c, "exit 0"]}
              - name: Failed
                container: {image: alpine:3.23, command: [sh, -c, "exit 1"]}
              - name: Skipped
                container: {image: alpine:3.23, command: [sh, -c, "echo Hello"]}
            """.Replace("STATUS", status, StringComparison.Ordinal).Replace("WHEN", when, StringComparison.Ordinal));

        Assert.Equal(Enum.Parse<NodePhase>(status), view.Node("A").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("TestSingle").Phase);
    }

    // Ports TestExpandTaskWithParam: a DAG task's withParam items of every JSON kind name the nodes and pass the
    // value as written.
    [Fact]
    public async Task ExpandTaskWithParam_NamesAndValuesOfEveryKind()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-with-params-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: fanout-param
                    template: tmpl
                    arguments: {parameters: [{name: msg, value: "{{item}}"}]}
                    withParam: "[1234, \"foo\\tbar\", true, []]"
              - name: tmpl
                inputs: {parameters: [{name: msg}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.msg}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        (string Name, string Value)[] expected = [("fanout-param(0:1234)", "1234"), ("fanout-param(1:foo\tbar)", "foo\tbar"), ("fanout-param(2:true)", "true"), ("fanout-param(3:[])", "[]")];
        foreach (var (name, value) in expected)
        {
            var node = view.Node(name);
            Assert.Equal("tmpl", node.TemplateName);
            Assert.Equal(value, Assert.Single(node.Inputs!.Parameters).Value);
        }
    }

    // Ports TestDagAssessPhaseContinueOnExpandedTaskVariables and TestDagAssessPhaseContinueOnExpandedTask: a loop
    // with a failing iteration and continueOn failed, then a task after it; the DAG succeeds.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DagAssessPhaseContinueOnExpandedTask_Succeeds(bool fromGeneratedParam)
    {
        var loop = fromGeneratedParam
            ? """
                  - {name: generate, template: gen-number-list, continueOn: {failed: true}}
                  - name: one-will-fail
                    template: one-will-fail
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    continueOn: {failed: true}
                    dependencies: [generate]
                    withParam: "{{tasks.generate.outputs.result}}"
            """
            : """
                  - name: one-will-fail
                    template: one-will-fail
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    continueOn: {failed: true}
                    withItems: [1, 2]
            """;
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parameter-aggregation-one-will-fail-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
            LOOP
                  - {name: whalesay, template: whalesay, continueOn: {failed: true}, dependencies: [one-will-fail]}
              - name: one-will-fail
                inputs: {parameters: [{name: num}]}
                container:
                  image: alpine:3.23
                  command: [sh, -xc]
                  args:
                  - |
                    if [ $(({{inputs.parameters.num}})) = 1 ]; then
                      exit 1;
                    else
                      echo {{inputs.parameters.num}}
                    fi
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hi]}
              - name: gen-number-list
                script: {image: python:alpine3.23, command: [sh], source: "echo '[0, 1]'\n"}
            """.Replace("LOOP\n", loop + "\n", StringComparison.Ordinal));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("whalesay").Phase);
    }

    // Ports TestDAGWithParamAndGlobalParam.
    [Fact]
    public async Task DagWithParamAndGlobalParam_GlobalAndItemBothResolve()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-with-param-and-global-param-}
            spec:
              entrypoint: main
              arguments:
                parameters:
                - {name: workspace, value: "/argo_workspace/{{workflow.uid}}"}
              templates:
              - name: main
                dag:
                  tasks:
                  - name: use-with-param
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "hello {{workflow.parameters.workspace}} {{item}}"}]}
                    withParam: "[0, 1, 2]"
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal($"hello /argo_workspace/{view.Metadata.Uid} 2", view.Node("use-with-param(2:2)").Inputs!.Parameters[0].Value);
    }

    // Ports TestTerminatingDAGWithRetryStrategyNodes: terminating a DAG whose tasks retry fails the workflow (upstream
    // sets spec.shutdown; Durango terminates through the API).
    [Fact]
    public async Task TerminatingDagWithRetryStrategyNodes_Failed()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-diamond-}
            spec:
              entrypoint: diamond
              templates:
              - name: diamond
                dag:
                  tasks:
                  - {name: A, template: echo}
                  - {name: B, template: echo, dependencies: [A]}
                  - {name: C, template: echo, dependencies: [A]}
                  - {name: D, template: echo, dependencies: [B, C]}
              - name: echo
                retryStrategy: {limit: 4}
                container: {image: alpine:3.23, command: [sh, -c], args: [sleep 30]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("A(0)") && v.Node("A(0)").Phase == NodePhase.Running);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.TerminateAsync(name));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.False(view.HasNode("A(1)"));
    }

    // Ports TestRetryStrategyNodes: a failure not retried under OnError fails the workflow; the exit handler still
    // runs and is flagged as a hook.
    [Fact]
    public async Task RetryStrategyNodes_OnErrorDoesNotRetryAFailure_ExitHandlerHooked()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wf-retry-pol-}
            spec:
              entrypoint: run-steps
              onExit: onExit
              templates:
              - name: run-steps
                steps:
                - - {name: run-dag, template: run-dag}
                - - {name: manual-onExit, template: onExit}
              - name: run-dag
                dag:
                  tasks:
                  - {name: A, template: fail}
                  - {name: B, template: onExit, dependencies: [A]}
              - name: fail
                retryStrategy: {limit: 100, retryPolicy: OnError}
                container: {image: alpine, command: [sh, -c], args: [exit 2]}
              - name: onExit
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node(view.Metadata.Name).Phase);
        Assert.True(view.HasNode("A(0)"));
        Assert.False(view.HasNode("A(1)"));
        var onExit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.True(onExit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, onExit.Phase);
    }

    // Ports TestOnExitDAGPhase: a task's onExit is `<dag>.B.onExit`, flagged as a hook; the DAG succeeds.
    [Fact]
    public async Task OnExitDagPhase_TaskExitHandlerNamedAndHooked()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-diamond-}
            spec:
              entrypoint: diamond
              templates:
              - name: diamond
                dag:
                  failFast: false
                  tasks:
                  - {name: A, template: echo}
                  - {name: B, template: echo, dependencies: [A], onExit: echo}
              - name: echo
                container: {image: alpine:3.23, command: [sh, -c], args: [exit 0]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var exit = view.Node($"{view.Metadata.Name}.B.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
    }

    // Ports TestOnExitNonLeaf: step-3 starts only after step-2's onExit has finished.
    [Fact]
    public async Task OnExitNonLeaf_DependentWaitsForTheExitHandler()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handler-bug-example-}
            spec:
              entrypoint: dag
              templates:
              - name: dag
                dag:
                  tasks:
                  - {name: step-2, template: step-template, onExit: on-exit}
                  - {name: step-3, template: step-template, onExit: on-exit, dependencies: [step-2]}
              - name: on-exit
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo exit-handler-step-{{pod.name}}"]}
              - name: step-template
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo step {{pod.name}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var exit = view.Node($"{view.Metadata.Name}.step-2.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.True(view.Node("step-3").StartedAt >= exit.FinishedAt);
    }

    // Ports TestDagTargetTaskOnExit: a task whose template is steps gets its onExit, flagged as a hook.
    [Fact]
    public async Task DagTargetTaskOnExit_StepsTaskExitHandlerHooked()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-primay-branch-}
            spec:
              entrypoint: statis
              templates:
              - name: a
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: exit
                container: {image: docker/whalesay:latest, command: [cowsay], args: [exit!]}
              - name: steps
                steps:
                - - {name: step-a, template: a}
              - name: statis
                dag:
                  tasks:
                  - {name: A, template: steps, onExit: exit}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var exit = view.Node($"{view.Metadata.Name}.A.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
    }

    // Ports TestEmptyWithParamDAG: a loop over an empty output list, then a task after it; the workflow succeeds.
    [Fact]
    public async Task EmptyWithParamDag_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-hang-}
            spec:
              entrypoint: dag
              templates:
              - name: dag
                dag:
                  tasks:
                  - {name: scheduler, template: job-scheduler}
                  - name: children
                    template: whalesay
                    arguments: {parameters: [{name: job_name, value: "{{item.job_name}}"}]}
                    dependencies: [scheduler]
                    withParam: "{{tasks.scheduler.outputs.parameters.scheduled-jobs}}"
                  - {name: postprocess, template: whalesay, dependencies: [children]}
              - name: job-scheduler
                outputs: {parameters: [{name: scheduled-jobs, value: "[]"}]}
                container: {image: alpine:3.23, command: [sh, -c], args: [echo Decided not to schedule any jobs]}
              - name: whalesay
                container: {image: docker/whalesay, command: [cowsay], args: [hello world]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestFailsWithParamDAG: one loop iteration fails after its retries (backoffs shortened), so the
    // workflow fails and `finish` does not run.
    [Fact]
    public async Task FailsWithParamDag_OneIterationFails_WorkflowFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: reproduce-bug-}
            spec:
              entrypoint: start
              templates:
              - name: start
                dag:
                  tasks:
                  - {name: gen-tasks, template: gen-tasks}
                  - name: process-tasks
                    template: process-tasks
                    arguments: {parameters: [{name: chunk, value: "{{item}}"}]}
                    dependencies: [gen-tasks]
                    withParam: "{{tasks.gen-tasks.outputs.result}}"
                  - {name: finish, template: finish, dependencies: [process-tasks]}
              - name: gen-tasks
                activeDeadlineSeconds: 300
                retryStrategy: {backoff: {duration: 1s, factor: 2}, limit: 5, retryPolicy: Always}
                script:
                  image: python:3
                  command: [bash]
                  source: |
                    set -e
                    echo '["0","1","2","3","4"]'
              - name: process-tasks
                activeDeadlineSeconds: 1800
                inputs: {parameters: [{name: chunk}]}
                retryStrategy: {backoff: {duration: 1s, factor: 2}, limit: 2, retryPolicy: Always}
                script:
                  image: python:3
                  command: [bash]
                  source: |
                    set -e
                    chunk="{{inputs.parameters.chunk}}"
                    if [[ $chunk == "3" ]]; then
                      echo "failed"
                      exit 1
                    fi
                    echo "process $chunk"
              - name: finish
                activeDeadlineSeconds: 300
                script: {image: busybox, command: [sh], source: "echo fin\n"}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.True(view.HasNode("process-tasks(3:3)(2)"));
        Assert.False(view.HasNode("process-tasks(3:3)(3)"));
        Assert.Equal(NodePhase.Omitted, view.Node("finish").Phase);
    }

    // Ports TestLeafContinueOn: a failed leaf with continueOn failed leaves the DAG Succeeded.
    [Fact]
    public async Task LeafContinueOn_FailedLeafContinues_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: build-wf-}
            spec:
              entrypoint: test-workflow
              templates:
              - name: test-workflow
                dag:
                  tasks:
                  - {name: A, template: ok}
                  - {name: B, template: fail, dependencies: [A], continueOn: {failed: true}}
              - name: ok
                container: {image: busybox, command: [sh, -c], args: ["exit 0"]}
              - name: fail
                container: {image: busybox, command: [sh, -c], args: ["exit 1"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestDAGReferTaskAggregatedOutputs: DAG outputs from a loop's aggregated parameters, in item order.
    [Fact]
    public async Task DagReferTaskAggregatedOutputs_ListsInItemOrder()
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
                  - name: odd-or-even
                    template: odd-or-even
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    withItems: [1, 2]
                outputs:
                  parameters:
                  - {name: dag-nums, valueFrom: {parameter: "{{tasks.odd-or-even.outputs.parameters.num}}"}}
                  - {name: dag-evenness, valueFrom: {parameter: "{{tasks.odd-or-even.outputs.parameters.evenness}}"}}
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
            """);

        var dag = view.Node(view.Metadata.Name);
        Assert.Equal(2, dag.Outputs!.Parameters.Count);
        Assert.Equal("""["1","2"]""", dag.Outputs.Parameters[0].Value);
        Assert.Equal("""["odd","even"]""", dag.Outputs.Parameters[1].Value);
    }

    // Ports TestDagHttpChildrenAssigned, with a loopback server for raw.githubusercontent.com: the HTTP task good1
    // has good2 as its one child.
    [Fact]
    public async Task DagHttpChildrenAssigned_HttpTaskHasItsDependentAsChild()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("{}"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-template-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: good1, template: http, arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/generated.swagger.json"}]}}
                  - {name: good2, template: http, dependencies: [good1], arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/generated.swagger.json"}]}}
              - name: http
                inputs: {parameters: [{name: url}]}
                http: {url: "{{inputs.parameters.url}}"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal([view.Node("good2").Id], view.Node("good1").Children);
    }

    // Ports TestRetryTypeDagTaskRunExitNodeAfterCompleted: a retried task's exit hook runs and succeeds before the
    // task that depends on it starts.
    [Fact]
    public async Task RetryTypeDagTaskRunExitNodeAfterCompleted_DependentStartsAfterTheHook()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-workflow-with-hang-}
            spec:
              entrypoint: dag
              templates:
              - name: linuxExitHandler
                steps:
                - - {name: print-exit, template: print-exit}
              - name: print-exit
                container: {image: argoproj/argosay:v2, args: [echo, exit]}
              - name: printA
                retryStrategy: {limit: "3", retryPolicy: OnError}
                container: {image: argoproj/argosay:v2, args: [echo, a]}
              - name: dag
                dag:
                  tasks:
                  - name: printA
                    template: printA
                    hooks: {exit: {template: linuxExitHandler}}
                  - name: dependencyTesting
                    template: printA
                    depends: printA.Succeeded
                    hooks: {exit: {template: linuxExitHandler}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("printA(0)").Phase);
        var exit = view.Node("printA.onExit");
        Assert.True(exit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
        Assert.True(view.Node("dependencyTesting").StartedAt >= exit.FinishedAt);
    }

    // Ports TestDagParallelism: with workflow parallelism 1 the three tasks run one at a time.
    [Fact]
    public async Task DagParallelism_OneAtATime()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-parallelism-}
            spec:
              entrypoint: main
              parallelism: 1
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: do-it-once, template: do-it, arguments: {parameters: [{name: thing, value: 1}]}}
                      - {name: do-it-twice, template: do-it, arguments: {parameters: [{name: thing, value: 2}]}}
                      - {name: do-it-thrice, template: do-it, arguments: {parameters: [{name: thing, value: 3}]}}
                - name: do-it
                  inputs: {parameters: [{name: thing}]}
                  container: {image: docker/whalesay:latest, command: [cowsay], args: ["I have a {{inputs.parameters.thing}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).OrderBy(n => n.StartedAt).ToList();
        Assert.Equal(3, pods.Count);
        for (var i = 1; i < pods.Count; i++)
        {
            Assert.True(pods[i].StartedAt >= pods[i - 1].FinishedAt, $"{pods[i].DisplayName} started before {pods[i - 1].DisplayName} finished");
        }
    }

    // Ports TestDagWftmplHookWithRetry (testdata/dag_wftmpl_hook_with_retry.yaml): the failure hook is retried
    // (two attempts, both Failed), the task stays Failed and `finish` is Omitted.
    [Fact]
    public async Task DagWftmplHookWithRetry_HookRetriedTaskFailedFinishOmitted()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-wftmpl-hook-with-retry-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: task
                        template: task
                        hooks:
                          failure: {template: exit-handler, expression: 'tasks["task"].status == "Failed"'}
                      - {name: finish, template: finish, dependencies: [task]}
                - name: task
                  container: {image: alpine:3.23, command: [sh, -c], args: [exit 1;]}
                - name: exit-handler
                  retryStrategy: {limit: 1, retryPolicy: Always}
                  container: {image: alpine:3.23, command: [sh, -c], args: [exit 1;]}
                - name: finish
                  container: {image: alpine:3.23, command: [sh, -c], args: [echo "Finished!";]}
            """);

        Assert.Equal(NodePhase.Failed, view.Node("task").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("task.hooks.failure").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("task.hooks.failure(0)").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("task.hooks.failure(1)").Phase);
        Assert.Equal(NodePhase.Omitted, view.Node("finish").Phase);
    }

    // Ports TestDAGTaskGroupIDReference: `{{tasks.fanout.id}}` of a loop task is the id of its TaskGroup node.
    [Fact]
    public async Task DagTaskGroupIdReference_IsTheTaskGroupsId()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-taskgroup-id-ref-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: generate, template: gen-list}
                  - name: fanout
                    dependencies: [generate]
                    template: echo
                    arguments: {parameters: [{name: msg, value: "{{item}}"}]}
                    withParam: "{{tasks.generate.outputs.result}}"
                  - name: use-id
                    dependencies: [fanout]
                    template: echo
                    arguments: {parameters: [{name: msg, value: "{{tasks.fanout.id}}"}]}
              - name: gen-list
                script: {image: python:alpine3.23, command: [sh], source: "echo '[0, 1]'\n"}
              - name: echo
                inputs: {parameters: [{name: msg}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.msg}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var group = view.Node("fanout");
        Assert.Equal(NodeType.TaskGroup, group.Type);
        Assert.Equal(group.Id, view.Node("use-id").Inputs!.Parameters[0].Value);
    }

    // Ports TestDAGWhenSkipNoRequeue.
    [Fact]
    public async Task DagWhenSkipNoRequeue_SkippedProducer_ConsumerSkipped()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-when-skip-no-requeue-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: script-echo, when: "false"}
                  - name: B
                    dependencies: [A]
                    when: "{{tasks.A.status}} == Succeeded"
                    template: echo-with-param
                    arguments: {parameters: [{name: msg, value: "{{tasks.A.outputs.result}}"}]}
              - name: script-echo
                script: {image: alpine:3.23, command: [sh], source: "echo hello\n"}
              - name: echo-with-param
                inputs: {parameters: [{name: msg}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.msg}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("B").Phase);
    }

    // Ports TestDAGSkippedOutputRef (dag_test.go's own: the consumer errors, it does not get an empty string).
    [Fact]
    public async Task DagSkippedOutputRef_ConsumerErrorsWithAbsentOptional()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-skipped-output-ref-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: run-stage-b, value: "false"}]}
              templates:
                - name: main
                  inputs: {parameters: [{name: run-stage-b}]}
                  dag:
                    tasks:
                      - {name: stage-a, template: stage-a}
                      - name: stage-b
                        template: stage-b
                        when: "\"{{inputs.parameters.run-stage-b}}\" == \"true\""
                      - name: stage-c
                        template: stage-c
                        depends: "stage-a && (stage-b || stage-b.Skipped)"
                        arguments:
                          parameters:
                            - {name: message-from-a, value: "{{tasks.stage-a.outputs.parameters.output-message}}"}
                            - {name: message-from-b, value: "{{tasks.stage-b.outputs.parameters.output-message}}"}
                - name: stage-a
                  outputs: {parameters: [{name: output-message, valueFrom: {path: /tmp/output.txt}}]}
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo 'hello from stage A' > /tmp/output.txt"]}
                - name: stage-b
                  outputs: {parameters: [{name: output-message, valueFrom: {path: /tmp/output.txt}}]}
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo 'hello from stage B' > /tmp/output.txt"]}
                - name: stage-c
                  inputs: {parameters: [{name: message-from-a}, {name: message-from-b}]}
                  container: {image: alpine:3.23, command: [echo], args: ["{{inputs.parameters.message-from-a}}", "{{inputs.parameters.message-from-b}}"]}
            """);

        var c = view.Node("stage-c");
        Assert.Equal(NodePhase.Error, c.Phase);
        Assert.Contains("absent optional", c.Message, StringComparison.Ordinal);
    }

    // Ports TestDAGSkippedOutputDefault.
    [Fact]
    public async Task DagSkippedOutputDefault_ConsumerGetsProducersDefault()
    {
        var view = await _engine.RunAsync(SkippedProducer("""
                  - name: consumer
                    template: consume
                    depends: "producer.Succeeded || producer.Skipped"
                    arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}
            """, producerDefault: "default-from-producer", consumerDefault: null));

        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        Assert.Equal("default-from-producer", view.Node("consumer").Inputs!.Parameters.Single(p => p.Name == "in").Value);
    }

    // Ports TestDAGSkippedOutputDefaultAggregate: the producer's default wins over the DAG output's own default.
    [Fact]
    public async Task DagSkippedOutputDefaultAggregate_ProducersDefaultWins()
    {
        var view = await _engine.RunAsync(SkippedProducer(string.Empty, producerDefault: "default-from-producer", consumerDefault: null, dagOutput: """
                outputs:
                  parameters:
                  - {name: result, valueFrom: {parameter: "{{tasks.producer.outputs.parameters.msg}}", default: default-from-aggregator}}
            """));

        var dag = view.Node(view.Metadata.Name);
        Assert.Equal("default-from-producer", Assert.Single(dag.Outputs!.Parameters).Value);
    }

    // Ports TestDAGSkippedOutputExprDefaultAggregate: an expression over a defaultless skipped output fails, so the
    // DAG output's own default applies.
    [Fact]
    public async Task DagSkippedOutputExprDefaultAggregate_OutputsOwnDefault()
    {
        var view = await _engine.RunAsync(SkippedProducer(string.Empty, producerDefault: null, consumerDefault: null, dagOutput: """
                outputs:
                  parameters:
                  - {name: result, valueFrom: {expression: "tasks.producer.outputs.parameters.msg", default: default-from-aggregator}}
            """));

        var dag = view.Node(view.Metadata.Name);
        Assert.Equal("default-from-aggregator", Assert.Single(dag.Outputs!.Parameters).Value);
    }

    // Ports TestDAGSkippedRefDynamicTemplateName: a templateRef named by `{{item.*}}` is resolved per item upstream;
    // Durango resolves templateRefs once, at submission, and refuses the workflow with the reference it cannot find.
    [Fact]
    public async Task DagSkippedRefDynamicTemplateName_RefusedAtSubmission()
    {
        await StoreConsumeTemplateAsync();
        var outcome = await _engine.Workflows.SubmitAsync(new SubmitRequest(SkippedProducer("""
                  - name: consumer
                    templateRef: {name: "{{item.wftmpl}}", template: "{{item.tmpl}}"}
                    withItems:
                    - {wftmpl: skipped-ref-consume, tmpl: consume}
                    depends: "producer.Succeeded || producer.Skipped"
                    arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}
            """, producerDefault: null, consumerDefault: null), "test.yaml", []));

        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        Assert.Contains("WorkflowTemplate '{{item.wftmpl}}' not found", string.Join("\n", outcome.Diagnostics), StringComparison.Ordinal);
    }

    // Ports TestDAGSkippedInputDefaultUsed: without a producer default, the consumer's own input default applies.
    [Fact]
    public async Task DagSkippedInputDefaultUsed_ConsumersDefault()
    {
        var view = await _engine.RunAsync(SkippedProducer("""
                  - name: consumer
                    template: consume
                    depends: "producer.Succeeded || producer.Skipped"
                    arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}
            """, producerDefault: null, consumerDefault: "FALLBACK-FROM-INPUT"));

        Assert.Equal("FALLBACK-FROM-INPUT", view.Node("consumer").Inputs!.Parameters.Single(p => p.Name == "in").Value);
    }

    // Ports TestDAGSkippedInlineExpressionFallback: `{{= x ?? 'fallback'}}` sees the skipped output as nil.
    [Fact]
    public async Task DagSkippedInlineExpressionFallback_FallbackApplies()
    {
        var view = await _engine.RunAsync(SkippedProducer("""
                  - name: consumer
                    template: consume
                    depends: "producer.Succeeded || producer.Skipped"
                    arguments: {parameters: [{name: in, value: "{{= tasks.producer.outputs.parameters.msg ?? 'inline-fallback'}}"}]}
            """, producerDefault: null, consumerDefault: null));

        Assert.Equal("inline-fallback", view.Node("consumer").Inputs!.Parameters.Single(p => p.Name == "in").Value);
    }

    // Ports TestDAGWhenExprSkipEval: B's `when` is false, so its jsonpath argument over an empty string is never
    // evaluated; B is Skipped and the workflow succeeds.
    [Fact]
    public async Task DagWhenExprSkipEval_ArgumentsOfASkippedTaskAreNotEvaluated()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-when-expr-skip-eval-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: data, value: ''}]}
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: echo, when: "false", arguments: {parameters: [{name: message, value: A}]}}
                  - name: B
                    dependencies: [A]
                    when: "{{= workflow.parameters.data != '' }}"
                    template: echo
                    arguments: {parameters: [{name: message, value: "{{= jsonpath(workflow.parameters.data, '$.id') }}"}]}
              - name: echo
                inputs: {parameters: [{name: message}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("B").Phase);
    }

    // Ports TestOnExitDAGNotFailedOnShutdownStop: a stopped workflow's onExit DAG still runs to its end.
    [Fact]
    public async Task OnExitDagNotFailedOnShutdownStop_ExitDagRuns()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-onexit-shutdown-}
            spec:
              entrypoint: main-dag
              onExit: exit-dag
              templates:
              - name: main-dag
                dag:
                  tasks:
                  - {name: main-task, template: sleep}
              - name: exit-dag
                dag:
                  tasks:
                  - {name: on-exit-handler, template: echo}
              - name: sleep
                container: {image: alpine:latest, command: [sleep, "30"]}
              - name: echo
                container: {image: alpine:latest, command: [echo, hello]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("main-task") && v.Node("main-task").Phase == NodePhase.Running);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.StopAsync(name));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}.onExit").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("on-exit-handler").Phase);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    private static string SkippedProducer(string consumer, string? producerDefault, string? consumerDefault, string dagOutput = "") => """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: dag-skipped-output-}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: producer, template: produce, when: "false"}
        CONSUMER
        DAGOUTPUT
          - name: produce
            outputs:
              parameters:
              - name: msg
                valueFrom:
                  path: /tmp/out.txt
                  PRODUCERDEFAULT
            container: {image: alpine:3.23, command: [sh, -c], args: ["echo hello > /tmp/out.txt"]}
          - name: consume
            inputs:
              parameters:
              - name: in
                CONSUMERDEFAULT
            container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.in}}"]}
        """
        .Replace("CONSUMER\n", consumer.Length == 0 ? string.Empty : consumer + "\n", StringComparison.Ordinal)
        .Replace("DAGOUTPUT\n", dagOutput.Length == 0 ? string.Empty : dagOutput + "\n", StringComparison.Ordinal)
        .Replace("PRODUCERDEFAULT", producerDefault is null ? string.Empty : "default: " + producerDefault, StringComparison.Ordinal)
        .Replace("CONSUMERDEFAULT", consumerDefault is null ? string.Empty : "default: " + consumerDefault, StringComparison.Ordinal);

    private async Task StoreConsumeTemplateAsync()
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: skipped-ref-consume}
            spec:
              templates:
              - name: consume
                inputs: {parameters: [{name: in, default: FALLBACK}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.in}}"]}
            """, "template.yaml", TemplateService.Write.Create);
        Assert.Contains(put.Status, new[] { TemplateStatus.Done, TemplateStatus.Exists });
    }
}
