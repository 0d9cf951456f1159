using Durango.Engine.Model;

namespace Durango.Engine.Artifacts;

/// <summary>
/// A step's outcome with its artifacts: the outputs it stored join its node outputs; a required output it did not
/// produce makes a step that succeeded Error (a failed step keeps its own message), as Argo's executor reports it.
/// </summary>
internal static class ArtifactOutcome
{
    public static (NodePhase Phase, string? Message, NodeOutputs Outputs) Apply(NodePhase phase, string? message, NodeOutputs outputs, StepArtifacts? artifacts)
    {
        if (artifacts is null)
        {
            return (phase, message, outputs);
        }

        outputs = outputs with { Artifacts = artifacts.Stored.Count == 0 ? null : artifacts.Stored };
        return phase == NodePhase.Succeeded && artifacts.Missing.Count > 0
            ? (NodePhase.Error, $"failed to save outputs: {artifacts.Missing[0]}", outputs)
            : (phase, message, outputs);
    }
}
