using Durango.Engine.Model;
using Durango.Engine.Stores;

namespace Durango.Api.Workflows;

/// <content>
/// Logs: every leaf node's log, or one node's, now or followed until the workflow ends. Logs are read in ranges
/// (<see cref="LogChunk.DefaultMaxBytes"/> at a time), so a log of any size streams in bounded memory.
/// </content>
public sealed partial class WorkflowService
{
    private const int TailWindow = 64 * 1024;

    /// <summary>The log lines of workflow <paramref name="name"/> (of node <paramref name="node"/> if given), as <see cref="LogsAsync(string, LogRequest, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<LogLine> LogsAsync(string name, string? node, bool follow, CancellationToken cancellationToken = default) =>
        LogsAsync(name, new LogRequest(node, follow), cancellationToken);

    /// <summary>
    /// The log lines of workflow <paramref name="name"/> that <paramref name="request"/> selects, in node start order.
    /// A containerSet's container is selected by its own name (its lines are also in its pod's log, read when no node is named).
    /// With <see cref="LogRequest.Follow"/>, keeps reading until the workflow has ended.
    /// </summary>
    public async IAsyncEnumerable<LogLine> LogsAsync(
        string name, LogRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var partial = new Dictionary<string, string>(StringComparer.Ordinal);
        var delay = TimeSpan.FromMilliseconds(100);
        var since = request.SinceSeconds is { } seconds ? time.GetUtcNow() - TimeSpan.FromSeconds(seconds) : (DateTimeOffset?)null;
        while (true)
        {
            var finished = !request.Follow || await IsFinishedAsync(name, cancellationToken).ConfigureAwait(false);
            var tree = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
            var selected = tree.Values
                .Where(n => n.Type.IsLeaf() || (request.Node is not null && n.Type == NodeType.Container))
                .Where(n => since is null || n.FinishedAt is null || n.FinishedAt >= since)
                .Select(n => (Node: n, Pod: NodeIds.PodName(name, n.Name, n.TemplateName)))
                .Where(n => request.Node is null || n.Node.Id == request.Node || n.Node.Name == request.Node || n.Node.DisplayName == request.Node || n.Pod == request.Node)
                .OrderBy(n => n.Node.StartedAt ?? DateTimeOffset.MaxValue);
            var any = false;
            foreach (var (leaf, pod) in selected)
            {
                if (request.TailLines is { } tail && !offsets.ContainsKey(leaf.Id))
                {
                    var (lines, end) = await TailAsync(name, leaf.Id, tail, cancellationToken).ConfigureAwait(false);
                    offsets[leaf.Id] = end;
                    foreach (var line in lines.Where(l => request.Grep?.IsMatch(l) != false))
                    {
                        any = true;
                        yield return new LogLine(leaf.Id, leaf.DisplayName, pod, line);
                    }

                    continue;
                }

                LogChunk chunk;
                do
                {
                    chunk = await logs.ReadAsync(name, leaf.Id, offsets.GetValueOrDefault(leaf.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
                    offsets[leaf.Id] = chunk.NextOffset;
                    var text = partial.GetValueOrDefault(leaf.Id, string.Empty) + chunk.Text;
                    var cut = text.LastIndexOf('\n');
                    partial[leaf.Id] = cut < 0 ? text : text[(cut + 1)..];
                    if (cut < 0)
                    {
                        continue;
                    }

                    foreach (var line in text[..cut].Split('\n').Where(l => request.Grep?.IsMatch(l) != false))
                    {
                        any = true;
                        yield return new LogLine(leaf.Id, leaf.DisplayName, pod, line);
                    }
                }
                while (!chunk.AtEnd && chunk.Text.Length > 0);
            }

            if (finished)
            {
                yield break;
            }

            delay = any ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> complete lines of a node's log and the offset after them, read from the end
    /// in growing windows: a tail of a huge log reads a little of it.
    /// </summary>
    private async Task<(IReadOnlyList<string> Lines, long End)> TailAsync(string name, string nodeId, int count, CancellationToken cancellationToken)
    {
        var probe = await logs.ReadAsync(name, nodeId, long.MaxValue, 1, cancellationToken).ConfigureAwait(false);
        var length = probe.Length;
        for (long window = TailWindow; ; window *= 4)
        {
            var from = Math.Max(0, length - window);
            var text = new System.Text.StringBuilder();
            var offset = from;
            while (offset < length)
            {
                var chunk = await logs.ReadAsync(name, nodeId, offset, (int)Math.Min(LogChunk.DefaultMaxBytes, length - offset), cancellationToken).ConfigureAwait(false);
                if (chunk.NextOffset == offset)
                {
                    break;
                }

                text.Append(chunk.Text);
                offset = chunk.NextOffset;
            }

            var all = text.ToString();
            var complete = all.LastIndexOf('\n');
            var lines = complete < 0 ? [] : all[..complete].Split('\n');
            if (from > 0)
            {
                lines = lines.Skip(1).ToArray(); // the window began mid-line
            }

            if (lines.Length >= count || from == 0 || window >= LogChunk.DefaultMaxBytes * 64)
            {
                var end = offset - System.Text.Encoding.UTF8.GetByteCount(all.AsSpan(complete + 1));
                return (lines.Skip(Math.Max(0, lines.Length - count)).ToList(), end);
            }
        }
    }

    private async Task<bool> IsFinishedAsync(string name, CancellationToken cancellationToken) =>
        await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false) is not { IsCompleted: false };
}
