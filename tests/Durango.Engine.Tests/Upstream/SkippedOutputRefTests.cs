using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/functional_test.go's tests of a reference to the outputs of a node that did not run (Skipped or
/// Omitted): the producer's <c>valueFrom.default</c> stands in; without one, an argument that is only that reference is
/// dropped so the consumer's input default applies; otherwise the consumer errors with "absent optional" rather than
/// waiting forever (upstream workflow/controller/operator.go and dag.go, the skipped-output handling).
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class SkippedOutputRefTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    private const string Producer = """
          - name: produce
            outputs:
              parameters:
              - name: msg
                valueFrom:
                  path: /tmp/out.txt
        """;

    private const string ProducerWithDefault = """
          - name: produce
            outputs:
              parameters:
              - name: msg
                valueFrom:
                  path: /tmp/out.txt
                  default: hello-from-producer
            container:
              image: argoproj/argosay:v2
              args: [echo, real-value, /tmp/out.txt]
        """;

    private const string Consumer = """
          - name: consume
            inputs:
              parameters:
              - name: in
            container:
              image: argoproj/argosay:v2
              args: [echo, "consumer got: [{{inputs.parameters.in}}]"]
        """;

    private const string ConsumerWithDefault = """
          - name: consume
            inputs:
              parameters:
              - name: in
                default: fallback-from-input
            container:
              image: argoproj/argosay:v2
              args: [echo, "consumer got: [{{inputs.parameters.in}}]"]
        """;

    private const string Container = """
            container:
              image: argoproj/argosay:v2
              args: [echo, real-value, /tmp/out.txt]
        """;

    // Ports TestDAGSkippedProducerOutputDefault (functional/dag-skipped-producer-default.yaml).
    [Fact]
    public async Task Dag_SkippedProducerWithOutputDefault_ConsumerGetsTheDefault()
    {
        var view = await _engine.RunAsync(Dag("{{tasks.producer.outputs.parameters.msg}}", ProducerWithDefault, Consumer));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        AssertConsumerInput(view, "hello-from-producer");
    }

    // Ports TestDAGSkippedConsumerInputDefault (functional/dag-skipped-consumer-default.yaml).
    [Fact]
    public async Task Dag_SkippedProducerWithoutDefault_ConsumerInputDefaultApplies()
    {
        var view = await _engine.RunAsync(Dag("{{tasks.producer.outputs.parameters.msg}}", Producer + "\n" + Container, ConsumerWithDefault));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        AssertConsumerInput(view, "fallback-from-input");
    }

    // Ports TestStepsSkippedProducerOutputDefault (functional/steps-skipped-producer-default.yaml).
    [Fact]
    public async Task Steps_SkippedProducerWithOutputDefault_ConsumerGetsTheDefault()
    {
        var view = await _engine.RunAsync(Steps("{{steps.producer.outputs.parameters.msg}}", ProducerWithDefault, Consumer));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        AssertConsumerInput(view, "hello-from-producer");
    }

    // Ports TestStepsSkippedConsumerInputDefault (functional/steps-skipped-consumer-default.yaml).
    [Fact]
    public async Task Steps_SkippedProducerWithoutDefault_ConsumerInputDefaultApplies()
    {
        var view = await _engine.RunAsync(Steps("{{steps.producer.outputs.parameters.msg}}", Producer + "\n" + Container, ConsumerWithDefault));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        AssertConsumerInput(view, "fallback-from-input");
    }

    // Ports TestDAGSkippedOutputRef (functional/dag-skipped-output-ref.yaml): no default anywhere, so the consumer
    // errors with "absent optional" and the workflow is Error.
    [Fact]
    public Task Dag_SkippedProducerNoDefaults_ConsumerErrorsAbsentOptional() => AssertStageCErrorsAsync(
        "dag-skipped-output-ref",
        "arguments: {parameters: [{name: run-stage-b, value: \"false\"}]}",
        "inputs: {parameters: [{name: run-stage-b}]}",
        """when: '"{{inputs.parameters.run-stage-b}}" == "true"'""",
        "Skipped",
        NodePhase.Skipped);

    // Ports TestDAGOmittedOutputRef (functional/dag-omitted-output-ref.yaml): the same for an Omitted producer.
    [Fact]
    public Task Dag_OmittedProducerNoDefaults_ConsumerErrorsAbsentOptional() => AssertStageCErrorsAsync(
        "dag-omitted-output-ref", string.Empty, string.Empty, "depends: stage-a.Failed", "Omitted", NodePhase.Omitted);

    // Ports TestDAGSkippedWithParamProducerDefault (functional/dag-skipped-withparam-default.yaml).
    [Fact]
    public async Task Dag_WithParamFromSkippedProducer_ExpandsItsDefault()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-skipped-withparam-default-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: producer
                    template: produce
                    when: "false"
                  - name: consumer
                    template: consume
                    depends: "producer.Succeeded || producer.Skipped"
                    withParam: "{{tasks.producer.outputs.parameters.items}}"
                    arguments: {parameters: [{name: in, value: "{{item}}"}]}
              - name: produce
                outputs:
                  parameters:
                  - name: items
                    valueFrom: {path: /tmp/out.txt, default: '["a","b"]'}
                container: {image: argoproj/argosay:v2, args: [echo, '["real"]', /tmp/out.txt]}
              - name: consume
                inputs: {parameters: [{name: in}]}
                container: {image: argoproj/argosay:v2, args: [echo, "consumer got: [{{inputs.parameters.in}}]"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        foreach (var (item, index) in new[] { ("a", 0), ("b", 1) })
        {
            var child = view.Node($"consumer({index}:{item})");
            Assert.Equal(NodePhase.Succeeded, child.Phase);
            Assert.Equal(item, Assert.Single(child.Inputs!.Parameters).Value);
        }
    }

    // Ports TestStepsSkippedWithParamRef (functional/steps-skipped-withparam-ref.yaml): the step group errors on the
    // absent optional before any consumer node exists, and the steps template rolls up Failed.
    [Fact]
    public async Task Steps_WithParamFromSkippedProducerNoDefault_GroupErrorsWorkflowFails()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-skipped-withparam-ref-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: producer
                    template: produce
                    when: "false"
                - - name: consumer
                    template: consume
                    withParam: "{{steps.producer.outputs.parameters.items}}"
                    arguments: {parameters: [{name: in, value: "{{item}}"}]}
              - name: produce
                outputs: {parameters: [{name: items, valueFrom: {path: /tmp/out.txt}}]}
                container: {image: argoproj/argosay:v2, args: [echo, '["real"]', /tmp/out.txt]}
              - name: consume
                inputs: {parameters: [{name: in}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.in}}"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        var errored = Assert.Single(view.Status.Nodes.Values, n => n.Phase == NodePhase.Error);
        Assert.Contains("absent optional", errored.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(view.Status.Nodes.Values, n => n.DisplayName.StartsWith("consumer(", StringComparison.Ordinal));
    }

    // Ports TestStepsSkippedOutputRef (functional/steps-skipped-output-ref.yaml): a `when` that reads a skipped
    // step's output errors its group.
    [Fact]
    public async Task Steps_WhenReadsSkippedStepOutput_GroupErrorsWorkflowFails()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-skipped-output-ref-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: job1
                    template: run-job
                - - name: job2
                    template: run-job
                    when: '"{{steps.job1.outputs.parameters.status}}" == "FAILED"'
                - - name: job2-error-handler
                    template: run-job
                    when: '"{{steps.job2.outputs.parameters.status}}" != "SUCCESS" && "{{steps.job1.outputs.parameters.status}}" == "SUCCESS"'
              - name: run-job
                outputs: {parameters: [{name: status, valueFrom: {path: /tmp/status.txt}}]}
                container: {image: argoproj/argosay:v2, args: [echo, SUCCESS, /tmp/status.txt]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("job1").Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("job2").Phase);
        var errored = Assert.Single(view.Status.Nodes.Values, n => n.Phase == NodePhase.Error);
        Assert.Contains("absent optional", errored.Message, StringComparison.Ordinal);
        Assert.False(view.HasNode("job2-error-handler"));
    }

    /// <summary>
    /// Upstream's stage-a/stage-b/stage-c DAG: stage-b does not run (<paramref name="stageBCondition"/>), and stage-c
    /// passes both stages' outputs on, so it errors on stage-b's absent optional and the workflow is Error.
    /// </summary>
    private async Task AssertStageCErrorsAsync(string name, string specArguments, string mainInputs, string stageBCondition, string stageBResult, NodePhase stageBPhase)
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: {{{name}}}-}
            spec:
              entrypoint: main
              {{{specArguments}}}
              templates:
              - name: main
                {{{mainInputs}}}
                dag:
                  tasks:
                  - name: stage-a
                    template: stage
                  - name: stage-b
                    template: stage
                    {{{stageBCondition}}}
                  - name: stage-c
                    template: stage-c
                    depends: "stage-a && (stage-b || stage-b.{{{stageBResult}}})"
                    arguments:
                      parameters:
                      - {name: message-from-a, value: "{{tasks.stage-a.outputs.parameters.output-message}}"}
                      - {name: message-from-b, value: "{{tasks.stage-b.outputs.parameters.output-message}}"}
              - name: stage
                outputs: {parameters: [{name: output-message, valueFrom: {path: /tmp/output.txt}}]}
                container: {image: argoproj/argosay:v2, args: [echo, hello, /tmp/output.txt]}
              - name: stage-c
                inputs: {parameters: [{name: message-from-a}, {name: message-from-b}]}
                container: {image: argoproj/argosay:v2, args: [echo, "[{{inputs.parameters.message-from-a}}] [{{inputs.parameters.message-from-b}}]"]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("stage-a").Phase);
        Assert.Equal(stageBPhase, view.Node("stage-b").Phase);
        var consumer = view.Node("stage-c");
        Assert.Equal(NodePhase.Error, consumer.Phase);
        Assert.Contains("absent optional", consumer.Message, StringComparison.Ordinal);
    }

    private static string Dag(string reference, string produce, string consume) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: dag-skipped-}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: producer
                template: produce
                when: "false"
              - name: consumer
                template: consume
                depends: "producer.Succeeded || producer.Skipped"
                arguments: {parameters: [{name: in, value: "{{{reference}}}"}]}
        {{{produce}}}
        {{{consume}}}
        """;

    private static string Steps(string reference, string produce, string consume) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: steps-skipped-}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: producer
                template: produce
                when: "false"
            - - name: consumer
                template: consume
                arguments: {parameters: [{name: in, value: "{{{reference}}}"}]}
        {{{produce}}}
        {{{consume}}}
        """;

    private static void AssertConsumerInput(WorkflowView view, string expected)
    {
        var consumer = view.Node("consumer");
        Assert.Equal(NodePhase.Succeeded, consumer.Phase);
        Assert.Equal(expected, Assert.Single(consumer.Inputs!.Parameters).Value);
    }
}
