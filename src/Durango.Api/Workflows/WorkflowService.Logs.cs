using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>One line of a workflow's logs, with the node it came from.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="NodeName">The node's display name.</param>
/// <param name="Text">The line.</param>
public sealed record LogLine(string NodeId, string NodeName, string Text);

/// <content>Logs: every leaf node's log, or one node's, now or followed until the workflow ends.</content>
public sealed partial class WorkflowService
{
    /// <summary>
    /// The log lines of workflow <paramref name="name"/> (of node <paramref name="node"/>, an id or a name, if given),
    /// in node start order. With <paramref name="follow"/>, keeps reading until the workflow has ended.
    /// </summary>
    public async IAsyncEnumerable<LogLine> LogsAsync(
        string name, string? node, bool follow, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var partial = new Dictionary<string, string>(StringComparer.Ordinal);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var finished = !follow || await IsFinishedAsync(name, cancellationToken).ConfigureAwait(false);
            var tree = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
            var selected = tree.Values
                .Where(n => n.Type is NodeType.Pod or NodeType.Http or NodeType.Plugin)
                .Where(n => node is null || n.Id == node || n.Name == node || n.DisplayName == node)
                .OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue);
            var any = false;
            foreach (var leaf in selected)
            {
                var chunk = await logs.ReadAsync(name, leaf.Id, offsets.GetValueOrDefault(leaf.Id), cancellationToken).ConfigureAwait(false);
                offsets[leaf.Id] = chunk.NextOffset;
                var text = partial.GetValueOrDefault(leaf.Id, string.Empty) + chunk.Text;
                var cut = text.LastIndexOf('\n');
                partial[leaf.Id] = cut < 0 ? text : text[(cut + 1)..];
                if (cut < 0)
                {
                    continue;
                }

                foreach (var line in text[..cut].Split('\n'))
                {
                    any = true;
                    yield return new LogLine(leaf.Id, leaf.DisplayName, line);
                }
            }

            if (finished)
            {
                yield break;
            }

            delay = any ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsFinishedAsync(string name, CancellationToken cancellationToken) =>
        await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false) is not { IsCompleted: false };
}
