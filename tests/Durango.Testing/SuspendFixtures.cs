namespace Durango.Testing;

/// <summary>Upstream's suspend workflows that more than one port runs (the engine's own tests, the CLI's).</summary>
public static class SuspendFixtures
{
    /// <summary>
    /// cli_test.go's <c>TestArgoSetOutputs</c> workflow: <c>approve</c> waits for a <c>supplied</c> output that
    /// <c>release</c> takes, beside <c>approve-no-vars</c>, which declares none.
    /// </summary>
    public const string SetOutputs = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: suspend-template-}
        spec:
          entrypoint: suspend
          templates:
            - name: suspend
              steps:
                - - {name: approve, template: approve}
                  - {name: approve-no-vars, template: approve-no-vars}
                - - name: release
                    template: whalesay
                    arguments: {parameters: [{name: message, value: "{{steps.approve.outputs.parameters.message}}"}]}
            - name: approve
              suspend: {}
              outputs: {parameters: [{name: message, valueFrom: {supplied: {}}}]}
            - name: approve-no-vars
              suspend: {}
            - name: whalesay
              inputs: {parameters: [{name: message}]}
              container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
        """;

    /// <summary>True once both suspend nodes of <see cref="SetOutputs"/> wait.</summary>
    public static bool BothWaiting(Api.Workflows.WorkflowView view) =>
        view.HasNode("approve") && view.Node("approve").Phase == Engine.Model.NodePhase.Running
        && view.HasNode("approve-no-vars") && view.Node("approve-no-vars").Phase == Engine.Model.NodePhase.Running;
}
