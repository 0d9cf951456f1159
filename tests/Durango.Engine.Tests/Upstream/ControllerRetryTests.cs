using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of the retry tests of workflow/controller/operator_test.go that need a running workflow. Upstream fails
/// pods by hand between <c>operate</c> passes; the ports make the step itself fail the way the test's pods do
/// (usually by <c>{{retries}}</c>), so every attempt is real.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerRetryTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestRetriesVariable: each attempt sees its own {{retries}}, 0 to 4.
    [Fact]
    public async Task RetriesVariable_EachAttemptSeesItsNumber()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retries-variable-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                retryStrategy: {limit: 10}
                container: {image: docker/whalesay:latest, command: [sh, -c], args: ["echo {{retries}}; test {{retries}} -ge 4"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var retry = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Equal(5, retry.Children.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), view.Node($"{view.Metadata.Name}({i})").Outputs!.Result);
        }
    }

    // Ports TestStepsRetriesVariable: a retried steps template passes {{retries}} to its step, 0 to 4.
    [Fact]
    public async Task StepsRetriesVariable_RetriedStepsTemplatePassesItsNumber()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-retries-variable-}
            spec:
              entrypoint: step-retry
              templates:
              - name: step-retry
                retryStrategy: {limit: 10}
                steps:
                - - name: whalesay-success
                    arguments: {parameters: [{name: retries, value: "{{retries}}"}]}
                    template: whalesay
              - name: whalesay
                inputs: {parameters: [{name: retries}]}
                container: {image: docker/whalesay:latest, command: [sh, -c], args: ["test {{inputs.parameters.retries}} -ge 4"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var values = view.Status.Nodes.Values.Where(n => n.DisplayName == "whalesay-success").Select(n => n.Inputs!.Parameters[0].Value).Order().ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], values);
    }

    // Ports TestWorkflowStepRetry: a retried steps template reruns from its first step: success, failure, then
    // success again.
    [Fact]
    public async Task WorkflowStepRetry_RetryRerunsTheWholeSteps()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: step-retry-}
            spec:
              entrypoint: step-retry
              templates:
              - name: step-retry
                retryStrategy: {limit: 1}
                steps:
                - - name: whalesay-success
                    arguments: {parameters: [{name: message, value: success}]}
                    template: whalesay
                - - name: whalesay-failure
                    arguments: {parameters: [{name: message, value: failure}]}
                    template: whalesay
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [sh, -c], args: ["echo {{inputs.parameters.message}}; test {{inputs.parameters.message}} = success"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).OrderBy(n => n.StartedAt).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["success", "failure", "success", "failure"], pods.Select(p => p.Inputs!.Parameters[0].Value));
        Assert.Equal(2, view.Node(view.Metadata.Name).Children.Count);
    }

    // Ports TestRootRetryStrategyCompletes: spec.retryStrategy on a workflow whose entrypoint succeeds.
    [Fact]
    public async Task RootRetryStrategyCompletes_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              activeDeadlineSeconds: 300
              entrypoint: whalesay
              retryStrategy: {limit: 1}
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestRootRetryStrategyWithInlineTemplateRetries: spec.retryStrategy reaches an inline template too, whose
    // attempt is `hello(0)`.
    [Fact]
    public async Task RootRetryStrategyWithInlineTemplate_InlineStepIsRetried()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-inline-}
            spec:
              entrypoint: main
              retryStrategy: {limit: 1, retryPolicy: OnTransientError}
              templates:
              - name: main
                steps:
                - - name: hello
                    inline:
                      script: {image: python:alpine, command: [sh], source: "echo hello\n"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("hello(0)").Phase);
        Assert.Equal(NodeType.Retry, view.Node("hello").Type);
    }

    // Ports TestOperatorRetryExpression: the expression retries exit code 2 and stops on exit code 1, with
    // upstream's message; two attempts.
    [Fact]
    public async Task OperatorRetryExpression_FalseStopsWithItsMessage()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-script-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: safe-to-retry, template: safe-to-retry}
                - - name: retry
                    template: retry-script
                    arguments: {parameters: [{name: safe-to-retry, value: "{{steps.safe-to-retry.outputs.result}}"}]}
              - name: safe-to-retry
                script: {image: python:alpine3.23, command: [sh], source: "echo true\n"}
              - name: retry-script
                inputs: {parameters: [{name: safe-to-retry}]}
                retryStrategy:
                  expression: asInt(lastRetry.exitCode) > 1 && {{inputs.parameters.safe-to-retry}} == true
                  limit: "3"
                script:
                  image: python:alpine3.23
                  command: [sh]
                  source: |
                    if [ {{retries}} -eq 0 ]; then exit 2; fi
                    exit 1
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var retry = view.Node($"{view.Metadata.Name}[1].retry");
        Assert.Equal(NodePhase.Failed, retry.Phase);
        Assert.Equal(2, retry.Children.Count);
        Assert.Equal("retryStrategy.expression evaluated to false", retry.Message);
    }

    // Ports TestBackoffExceedsMaxDuration: a 120 s backoff within a 60 s maxDuration fails at once, and the
    // workflow's message is the node's.
    [Fact]
    public async Task BackoffExceedsMaxDuration_FailsWithUpstreamsMessage()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: echo-}
            spec:
              entrypoint: echo
              templates:
              - name: echo
                retryStrategy:
                  backoff: {duration: "120", factor: 1, maxDuration: "60"}
                  limit: 4
                container: {image: alpine:3.23, command: [sh, -c], args: [exit 1]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Backoff would exceed max duration limit", view.Node(view.Metadata.Name).Message);
        Assert.Equal("Backoff would exceed max duration limit", view.Status.Message);
    }

    // Ports TestExitHandlerWithRetryNodeParam: the retried step's output (written before it failed) is on the retry
    // node and reaches its exit hook.
    [Fact]
    public async Task ExitHandlerWithRetryNodeParam_HookGetsTheRetryNodesOutput()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handler-with-param-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: step-1
                    template: output
                    hooks:
                      exit:
                        template: exit
                        arguments: {parameters: [{name: message, value: "{{steps.step-1.outputs.parameters.result}}"}]}
              - name: output
                retryStrategy: {backoff: {duration: 1s}, limit: "1", retryPolicy: Always}
                outputs:
                  parameters:
                  - {name: result, valueFrom: {default: Foobar, path: /tmp/hello_world.txt}}
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt; exit 1"]}
              - name: exit
                inputs: {parameters: [{name: message, value: GoodValue}]}
                script: {image: alpine:3.23, command: [sh, -c], args: ["echo {{inputs.parameters.message}}"], source: ""}
            """);

        var step = view.Node($"{view.Metadata.Name}[0].step-1");
        Assert.Equal("hello world", step.Outputs!.Parameter("result"));
        var exit = view.Node($"{view.Metadata.Name}[0].step-1.onExit");
        Assert.Equal("hello world", exit.Inputs!.Parameters[0].Value);
    }

    // Ports TestRetryLoopWithOutputParam: a retried loop whose first attempts fail, then aggregated outputs.
    [Fact]
    public async Task RetryLoopWithOutputParam_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hr-retry-replication-}
            spec:
              entrypoint: hr-retry-replication
              activeDeadlineSeconds: 300
              templates:
              - name: hr-retry-replication
                dag:
                  tasks:
                  - {name: Create-Json-List, template: createJsonList}
                  - name: Retry-And-Loop
                    template: retryAndLoop
                    arguments: {parameters: [{name: itemId, value: "{{item.Id}}"}]}
                    withParam: "{{tasks.Create-Json-List.outputs.parameters.jsonList}}"
                    depends: Create-Json-List
                  - name: Check-Output
                    template: checkOutput
                    arguments: {parameters: [{name: someInput, value: "{{tasks.Retry-And-Loop.outputs.parameters.outputParam}}"}]}
                    depends: Retry-And-Loop
              - name: checkOutput
                inputs: {parameters: [{name: someInput}]}
                script:
                  image: alpine:3.23
                  command: [/bin/sh]
                  source: |
                    echo "The Output is: {{inputs.parameters.someInput}}"
              - name: retryAndLoop
                inputs: {parameters: [{name: itemId}]}
                outputs: {parameters: [{name: outputParam, valueFrom: {path: /tmp/outputParam.txt}}]}
                retryStrategy: {limit: '2'}
                script:
                  image: alpine:3.23
                  command: [/bin/sh]
                  source: |
                    echo ItemId: {{inputs.parameters.itemId}}
                    if [ {{ retries }} = 0 ]; then
                      exit 1
                    fi
                    echo "Successful" > /tmp/outputParam.txt
              - name: createJsonList
                outputs: {parameters: [{name: jsonList, valueFrom: {path: /tmp/jsonList.json}}]}
                script:
                  image: alpine:3.23
                  command: [/bin/sh]
                  source: |
                    echo '[{"Id": "1"}, {"Id": "2"}]' > /tmp/jsonList.json
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("""["Successful","Successful"]""", view.Node("Check-Output").Inputs!.Parameters[0].Value);
    }

    // Ports TestWFWithRetryAndWithParam: a retried script's result feeds a withParam loop of retried steps.
    [Fact]
    public async Task WithRetryAndWithParam_RetriedScriptResultsFeedTheLoop()
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
                - - name: divide-by-2
                    template: divide-by-2
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    withItems: [1, 2, 3]
                - - name: print
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{item}}"}]}
                    withParam: "{{steps.divide-by-2.outputs.result}}"
              - name: divide-by-2
                retryStrategy: {limit: 2, backoff: {duration: "1", factor: 2}}
                inputs: {parameters: [{name: num}]}
                script:
                  image: alpine:3.23
                  command: [sh, -x]
                  source: |
                    #!/bin/sh
                    echo $(({{inputs.parameters.num}}/2))
              - name: whalesay
                retryStrategy: {limit: 2, backoff: {duration: "1", factor: 2}}
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var name in new[] { "print(0:0)", "print(1:1)", "print(2:1)" })
        {
            Assert.Equal(NodePhase.Succeeded, view.Node(name).Phase);
        }
    }
}
