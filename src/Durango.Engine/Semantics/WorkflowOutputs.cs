using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// A workflow's <c>status.outputs</c>: the parameters and artifacts its nodes published through <c>globalName</c>
/// (upstream's <c>addParamToGlobalScope</c> and <c>addArtifactToGlobalScope</c> in <c>operator.go</c>), each once, with
/// the value or location published last.
/// </summary>
/// <param name="Parameters">The global output parameters, by global name.</param>
/// <param name="Artifacts">The global output artifacts, named by their global name; null when none.</param>
public sealed record WorkflowOutputs(IReadOnlyList<ParameterValue> Parameters, IReadOnlyList<Artifact>? Artifacts)
{
    private const string ParameterPrefix = "workflow.outputs.parameters.";
    private const string ArtifactPrefix = "workflow.outputs.artifacts.";

    /// <summary>The outputs in <paramref name="published"/> (<c>workflow.outputs.*</c> variables); null when there are none.</summary>
    public static WorkflowOutputs? From(IReadOnlyDictionary<string, string> published)
    {
        var parameters = published
            .Where(p => p.Key.StartsWith(ParameterPrefix, StringComparison.Ordinal))
            .Select(p => new ParameterValue(p.Key[ParameterPrefix.Length..], p.Value))
            .ToList();
        var artifacts = published
            .Where(p => p.Key.StartsWith(ArtifactPrefix, StringComparison.Ordinal))
            .Select(p => ArtifactRules.Read(p.Value) is { } artifact ? artifact with { Name = p.Key[ArtifactPrefix.Length..] } : null)
            .OfType<Artifact>()
            .ToList();
        return parameters.Count == 0 && artifacts.Count == 0 ? null : new WorkflowOutputs(parameters, artifacts.Count == 0 ? null : artifacts);
    }
}
