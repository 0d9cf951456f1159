using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Durango.Api.Workflows;

/// <summary>A change to a watched workflow: Kubernetes' watch event (<c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>).</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The workflow as it is now (as it was, for DELETED).</param>
public sealed record WatchEvent(string Type, WorkflowView Object);

/// <content>
/// Watching: the durable state (instance status, tags and, for one workflow, its node tree) is read at an interval
/// and compared with what the watcher last saw, so a watch works whichever host ran the work.
/// </content>
public sealed partial class WorkflowService
{
    /// <summary>
    /// The changes to the workflows <paramref name="filter"/> selects, first an ADDED for each that exists, until
    /// cancelled. A watch of one workflow by name (<c>metadata.name=X</c>) carries the whole workflow with its nodes;
    /// a wider watch carries list items (metadata and status). Yields null at each look that found nothing new, so
    /// the caller can send heartbeats.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent?> WatchAsync(WorkflowFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, (string Fingerprint, WorkflowView View)>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = new Dictionary<string, WorkflowView>(StringComparer.Ordinal);
            if (filter.Fields.Name is { } only)
            {
                if (await GetAsync(only, cancellationToken).ConfigureAwait(false) is { } view && filter.Matches(view.Metadata))
                {
                    now[only] = view;
                }
            }
            else
            {
                await foreach (var view in SummariesAsync(filter, cancellationToken).ConfigureAwait(false))
                {
                    now[view.Metadata.Name] = view;
                }
            }

            var changed = false;
            foreach (var (name, view) in now.OrderBy(v => v.Value.Metadata.CreationTimestamp))
            {
                var fingerprint = Fingerprint(view);
                if (!seen.TryGetValue(name, out var before) || before.Fingerprint != fingerprint)
                {
                    changed = true;
                    seen[name] = (fingerprint, view);
                    yield return new WatchEvent(before.View is null ? "ADDED" : "MODIFIED", view);
                }
            }

            foreach (var gone in seen.Keys.Where(k => !now.ContainsKey(k)).ToList())
            {
                changed = true;
                var view = seen[gone].View;
                seen.Remove(gone);
                yield return new WatchEvent("DELETED", view);
            }

            if (!changed)
            {
                yield return null;
            }

            await Task.Delay(options.WatchInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a watcher would notice of <paramref name="view"/>: its status and, when present, every node's phase and times.</summary>
    private static string Fingerprint(WorkflowView view)
    {
        var status = view.Status;
        var text = new StringBuilder()
            .Append(status.Phase).Append('|').Append(status.Message).Append('|').Append(view.Suspended)
            .Append('|').Append(status.FinishedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('|').Append(status.Progress);

        // Who holds and waits for its locks changes while nothing else does (a waiter's holder finishes).
        if (status.Synchronization is { } synchronization)
        {
            text.Append('|').Append(System.Text.Json.JsonSerializer.Serialize(synchronization));
        }

        foreach (var (id, node) in status.Nodes)
        {
            text.Append('|').Append(id).Append(':').Append(node.Phase).Append(':').Append(node.FinishedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(node.Children.Count);
        }

        return text.ToString();
    }
}
