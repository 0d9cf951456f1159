using Durango.Engine.Model;
using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>The input of <see cref="MemoLoadActivity"/>: which entry, and the node that may take it.</summary>
/// <param name="Namespace">The workflow's namespace: caches are per namespace, as ConfigMaps are.</param>
/// <param name="Cache">The cache's name.</param>
/// <param name="Key">The substituted key.</param>
/// <param name="Workflow">The workflow of the node that looks.</param>
/// <param name="NodeId">The node that looks: large values come back stored under it.</param>
public sealed record MemoLoadInput(string Namespace, string Cache, string Key, string Workflow, string NodeId);

/// <summary>The input of <see cref="MemoSaveActivity"/>.</summary>
/// <param name="Namespace">The workflow's namespace.</param>
/// <param name="Cache">The cache's name.</param>
/// <param name="Key">The substituted key.</param>
/// <param name="NodeId">The node whose outputs are saved.</param>
/// <param name="Outputs">Its outputs (output-store tokens are read in before saving).</param>
public sealed record MemoSaveInput(string Namespace, string Cache, string Key, string NodeId, NodeOutputs Outputs);

/// <summary>
/// Reads a memoization entry (the orchestration retries it: it only reads and stamps) and stamps its last hit, as upstream's ConfigMap cache does on load. Large values come
/// back as tokens of the looking node, so history stays small; whether the entry counts (its age against
/// <c>maxAge</c>) is the orchestration's decision, on its own clock.
/// </summary>
public sealed class MemoLoadActivity(IMemoStore store, OutputValues values) : TaskActivity<MemoLoadInput, MemoEntry?>
{
    /// <inheritdoc/>
    public override async Task<MemoEntry?> RunAsync(TaskActivityContext context, MemoLoadInput input)
    {
        var entry = await store.LoadAsync(input.Namespace, input.Cache, input.Key).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        var hit = entry with { LastHitTimestamp = DateTimeOffset.UtcNow };
        await store.SaveAsync(input.Namespace, input.Cache, input.Key, hit).ConfigureAwait(false);
        var outputs = await values.OffloadAsync(input.Workflow, input.NodeId, entry.Outputs).ConfigureAwait(false);
        return hit with { Outputs = outputs };
    }
}

/// <summary>Saves a succeeded node's outputs under its key, values in full, stamped now (upstream's <c>Save</c>).</summary>
public sealed class MemoSaveActivity(IMemoStore store, OutputValues values) : TaskActivity<MemoSaveInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, MemoSaveInput input)
    {
        var outputs = await values.InlineAsync(input.Outputs).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        await store.SaveAsync(input.Namespace, input.Cache, input.Key, new MemoEntry(input.NodeId, outputs, now, now)).ConfigureAwait(false);
        return true;
    }
}
