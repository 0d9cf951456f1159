using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>The outputs of a steps or DAG node, the same for both: resolved once the node succeeded.</summary>
internal static class TemplateOutputs
{
    /// <summary>
    /// For a node that ends <paramref name="phase"/>: when Succeeded, its outputs resolved in <paramref name="scope"/>
    /// (<see cref="OutputResolver"/>; one that cannot be resolved makes the node Error) and its global outputs
    /// published; otherwise the phase and message as they are, and no outputs.
    /// </summary>
    public static async Task<(NodePhase Phase, string? Message, NodeOutputs? Outputs)> ResolveAsync(
        OrchestrationRun run, Template template, IReadOnlyDictionary<string, string> scope, NodePhase phase, string? message)
    {
        if (phase != NodePhase.Succeeded)
        {
            return (phase, message, null);
        }

        var values = await run.WithValuesAsync(scope, () => template.Outputs.Parameters.Select(p => p.ValueFrom?.Expression));
        var resolved = OutputResolver.Resolve(template.Outputs, values, run.Evaluator);
        (NodePhase Phase, string? Message, NodeOutputs? Outputs) result =
            resolved.Error is { } error ? (NodePhase.Error, error, null) : (phase, message, resolved.Outputs);
        run.Publish(OutputResolver.Globals(template.Outputs, result.Outputs, scope));
        return result;
    }
}
