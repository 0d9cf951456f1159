using System.Text;
using Durango.Engine.Stores;

namespace Durango.Engine.Executors;

/// <summary>
/// The log of one running node: lines go to the log store with every secret value of the node, and its base64
/// encodings (<see cref="SecretPatterns"/>), replaced by <c>***</c>, so that a script that prints a secret does not
/// leak it. Lines are batched: one store write per
/// <see cref="FlushInterval"/> (or per <see cref="MaxBatchChars"/>) rather than one per line, because a blob
/// append is a round trip; <c>logs --follow</c> still sees output within the interval. Dispose to write the rest.
/// </summary>
public sealed class NodeLog : IAsyncDisposable
{
    /// <summary>How often buffered lines are written while the node runs.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>A batch this large is written at once (well under a 4 MB append block).</summary>
    public const int MaxBatchChars = 256 * 1024;

    private readonly ILogStore _store;
    private readonly string _workflow;
    private readonly string _nodeId;
    private readonly IReadOnlyList<string> _secrets;
    private readonly NodeLog? _copyTo;
    private readonly StringBuilder _buffer = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task? _flusher;

    /// <summary>Creates the log of node <paramref name="nodeId"/>; <paramref name="secrets"/> are redacted.</summary>
    public NodeLog(ILogStore store, string workflow, string nodeId, IEnumerable<string> secrets)
    {
        _store = store;
        _workflow = workflow;
        _nodeId = nodeId;
        _secrets = SecretPatterns.For(secrets);
    }

    private NodeLog(NodeLog whole, string nodeId)
    {
        _store = whole._store;
        _workflow = whole._workflow;
        _nodeId = nodeId;
        _secrets = whole._secrets;
        _copyTo = whole;
    }

    /// <summary>
    /// The log of node <paramref name="nodeId"/> inside this one (a containerSet's container inside its pod): its lines
    /// are kept under that node, so they can be read by its name, and also written here, with the same secrets redacted.
    /// </summary>
    public NodeLog Part(string nodeId) => new(this, nodeId);

    /// <summary>Appends one line.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken = default)
    {
        bool full;
        lock (_buffer)
        {
            _buffer.Append(Redact(line)).Append('\n');
            full = _buffer.Length >= MaxBatchChars;
            _flusher ??= FlushPeriodicallyAsync();
        }

        if (full)
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (_copyTo is not null)
        {
            await _copyTo.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="text"/> with every secret value of the node, and its base64 encodings, replaced.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Writes what is buffered. On failure the text goes back in front of the buffer: nothing is dropped.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string text;
            lock (_buffer)
            {
                if (_buffer.Length == 0)
                {
                    return;
                }

                text = _buffer.ToString();
                _buffer.Clear();
            }

            try
            {
                await _store.AppendAsync(_workflow, _nodeId, text, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_buffer)
                {
                    _buffer.Insert(0, text);
                }

                throw;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Stops the periodic writes and writes the rest; a store failure surfaces here.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_flusher is { } flusher)
        {
            await flusher.ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        _closing.Dispose();
        _writing.Dispose();
    }

    private async Task FlushPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(_closing.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store is unavailable for now; the lines stay buffered for the next tick or the final write.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing: DisposeAsync writes the rest.
        }
    }
}
