namespace Durango.Testing;

/// <summary>
/// Upstream's stored templates under test/e2e/smoke that several ports install (the engine's template tests, the CLI's),
/// adapted to Durango's process runtime (argosay runs on the host).
/// </summary>
public static class SmokeTemplates
{
    /// <summary>smoke/workflow-template-whalesay-template.yaml.</summary>
    public const string Whalesay = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: workflow-template-whalesay-template
          labels: {workflows.argoproj.io/test: "true"}
        spec:
          entrypoint: whalesay-template
          onExit: on-exit
          arguments: {parameters: [{name: message, value: hello world}]}
          templates:
            - name: whalesay-template
              inputs: {parameters: [{name: message}]}
              container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            - name: on-exit
              container: {image: argoproj/argosay:v2, args: [echo, Exit Handler]}
        """;

    /// <summary>smoke/cluster-workflow-template-whalesay-template.yaml.</summary>
    public const string ClusterWhalesay = """
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterWorkflowTemplate
        metadata:
          name: cluster-workflow-template-whalesay-template
          labels: {workflows.argoproj.io/test: "true"}
        spec:
          entrypoint: whalesay-template
          arguments: {parameters: [{name: message, value: hello world}]}
          templates:
            - name: whalesay-template
              inputs: {parameters: [{name: message}]}
              container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"], imagePullPolicy: IfNotPresent}
        """;
}
