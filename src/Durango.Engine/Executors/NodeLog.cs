using Durango.Engine.Stores;

namespace Durango.Engine.Executors;

/// <summary>
/// The log of one running node: text goes to the log store as it comes, with every secret value of the node
/// replaced by <c>***</c>, so that a script that prints a secret does not leak it.
/// </summary>
public sealed class NodeLog
{
    private readonly ILogStore _store;
    private readonly string _workflow;
    private readonly string _nodeId;
    private readonly IReadOnlyList<string> _secrets;

    /// <summary>Creates the log of node <paramref name="nodeId"/>; <paramref name="secrets"/> are redacted.</summary>
    public NodeLog(ILogStore store, string workflow, string nodeId, IEnumerable<string> secrets)
    {
        _store = store;
        _workflow = workflow;
        _nodeId = nodeId;
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
    }

    /// <summary>Appends one line.</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken = default) =>
        _store.AppendAsync(_workflow, _nodeId, Redact(line) + "\n", cancellationToken);

    /// <summary><paramref name="text"/> with every secret value of the node replaced.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
