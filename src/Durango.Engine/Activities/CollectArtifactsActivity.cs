using Durango.Core.Spec;
using Durango.Engine.Artifacts;
using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>The input of <see cref="CollectArtifactsActivity"/>.</summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="Strategy">The workflow's <c>spec.artifactGC</c>.</param>
/// <param name="Trigger">Which strategy is due (<c>OnWorkflowCompletion</c>).</param>
public sealed record CollectArtifactsInput(string WorkflowName, ArtifactGC? Strategy, string Trigger);

/// <summary>Argo's artifact GC when a workflow completes: deletes the outputs whose strategy is due.</summary>
public sealed class CollectArtifactsActivity(ArtifactCollector collector) : TaskActivity<CollectArtifactsInput, int>
{
    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskActivityContext context, CollectArtifactsInput input) =>
        collector.CollectAsync(input.WorkflowName, input.Strategy, input.Trigger);
}
