using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's artifact garbage collection (upstream workflow/controller/artifact_gc.go): an output artifact's own
/// <c>artifactGC.strategy</c> wins over the workflow's <c>spec.artifactGC</c>; <c>Never</c> is the default. When the
/// workflow completes, the artifacts whose strategy is <c>OnWorkflowCompletion</c> are deleted; when it is deleted,
/// those with <c>OnWorkflowDeletion</c>. Only stored outputs are collected (inputs are others' outputs or literals).
/// </summary>
public static class ArtifactGarbage
{
    /// <summary>The strategy that applies to <paramref name="artifact"/> in a workflow whose own is <paramref name="workflow"/>.</summary>
    public static string Strategy(ArtifactGC? workflow, Artifact artifact) =>
        artifact.ArtifactGC?.Strategy is { Length: > 0 } own ? own
        : workflow?.Strategy is { Length: > 0 } inherited ? inherited
        : ArtifactGC.Never;

    /// <summary>True when any artifact of <paramref name="workflow"/> could ever be collected, so that the work is worth a call.</summary>
    public static bool Any(ResolvedWorkflow workflow) =>
        workflow.ArtifactGC?.Strategy is ArtifactGC.OnWorkflowCompletion or ArtifactGC.OnWorkflowDeletion
        || workflow.Templates.Values.SelectMany(t => t.Outputs.Artifacts).Any(a => a.ArtifactGC?.Strategy is ArtifactGC.OnWorkflowCompletion or ArtifactGC.OnWorkflowDeletion);

    /// <summary>The stored output artifacts of <paramref name="nodes"/> to delete at <paramref name="trigger"/>, each location once.</summary>
    public static IReadOnlyList<Artifact> Due(IEnumerable<NodeStatus> nodes, ArtifactGC? workflow, string trigger) => nodes
        .Where(n => n.Type is NodeType.Pod)
        .SelectMany(n => n.Outputs?.Artifacts ?? [])
        .Where(a => a.Azure is not null && Strategy(workflow, a) == trigger)
        .DistinctBy(a => (a.Azure!.Endpoint, a.Azure.Container, a.Azure.Blob))
        .ToList();
}
