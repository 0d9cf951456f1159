using Durango.Engine.Model;
using Durango.Engine.Stores;

namespace Durango.Telemetry;

/// <summary>
/// The node store as registered, plus telemetry: every record written (by the engine's activities) is also observed
/// by <see cref="NodeSpans"/> after the write succeeds. Reads, replacements and deletions pass through untouched.
/// Costs nothing when no tracer or meter listens.
/// </summary>
public sealed class TracingNodeStore : INodeStore
{
    private readonly INodeStore inner;
    private readonly NodeSpans spans;
    private readonly IServiceProvider services;

    internal TracingNodeStore(INodeStore inner, NodeSpans spans, IServiceProvider services)
    {
        this.inner = inner;
        this.spans = spans;
        this.services = services;
    }

    /// <summary>The store this one wraps.</summary>
    public INodeStore Inner => inner;

    /// <inheritdoc/>
    public async Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(workflow, nodes, cancellationToken).ConfigureAwait(false);
        await ObserveAsync(workflow, nodes).ConfigureAwait(false);
    }

    /// <summary>Hands records that were written to <see cref="NodeSpans"/>, when it listens.</summary>
    private async Task ObserveAsync(string workflow, IReadOnlyList<NodeStatus> nodes)
    {
        if (!spans.Listening || nodes.Count == 0)
        {
            return;
        }

        // The namespace and uid are looked up once per workflow, when its root node starts.
        var identity = nodes.Any(n => n.Id == workflow && n.StartedAt is not null) ? await WorkflowIdentity.FindAsync(services, workflow).ConfigureAwait(false) : null;
        spans.Observe(workflow, nodes, identity);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default) => inner.ReadAsync(workflow, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Passed through: the interface's default would copy the whole tree on every read of a running leaf.</remarks>
    public Task<NodeLookup?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default) =>
        inner.ReadNodesAsync(workflow, nodeIds, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Passed through, so that the store can answer in one round trip; the records are observed as by <see cref="WriteAsync"/>.</remarks>
    public async Task<NodeLookup?> WriteThenReadNodesAsync(
        string workflow, IReadOnlyList<NodeStatus> nodes, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        var lookup = await inner.WriteThenReadNodesAsync(workflow, nodes, nodeIds, cancellationToken).ConfigureAwait(false);
        await ObserveAsync(workflow, nodes).ConfigureAwait(false);
        return lookup;
    }

    /// <inheritdoc/>
    public Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default) => inner.ReplaceAsync(workflow, nodes, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => inner.DeleteAsync(workflow, cancellationToken);
}
