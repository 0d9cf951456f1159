using Durango.Core.Spec;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Engine.Artifacts;

/// <summary>
/// Deletes a workflow's stored output artifacts that <see cref="ArtifactGarbage"/> says are due: from the activity
/// when the workflow completes, from the API when it is deleted.
/// </summary>
public sealed class ArtifactCollector(INodeStore nodes, ArtifactLocations locations)
{
    /// <summary>Deletes the artifacts of <paramref name="workflow"/> due at <paramref name="trigger"/>; how many objects went.</summary>
    public async Task<int> CollectAsync(string workflow, ArtifactGC? strategy, string trigger, CancellationToken cancellationToken = default)
    {
        var tree = await nodes.ReadAsync(workflow, cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var artifact in ArtifactGarbage.Due(tree.Values, strategy, trigger))
        {
            var (repository, key) = locations.Locate(artifact.Azure!);
            deleted += await repository.DeleteAsync(key, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }
}
