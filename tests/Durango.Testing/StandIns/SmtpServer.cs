using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Durango.Testing.StandIns;

/// <summary>A message an <see cref="SmtpServer"/> took.</summary>
/// <param name="From">The envelope sender (<c>MAIL FROM</c>).</param>
/// <param name="To">The envelope recipients (<c>RCPT TO</c>).</param>
/// <param name="Data">The message as sent after <c>DATA</c> (headers and body, dot-unstuffed).</param>
public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data);

/// <summary>
/// A small real SMTP server (RFC 5321, no TLS, no auth) on 127.0.0.1 and a free port: enough for Python's
/// <c>smtplib</c> or any client to deliver mail a test then reads.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every message delivered, in order.</summary>
    public ConcurrentQueue<SmtpMessage> Messages { get; } = new();

    /// <summary>Starts the server.</summary>
    public static SmtpServer Start()
    {
        var server = new SmtpServer();
        server._listener.Start();
        server._accepting = server.AcceptAsync();
        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 Durango test SMTP").ConfigureAwait(false);
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-127.0.0.1").ConfigureAwait(false);
                    await writer.WriteLineAsync("250 8BITMIME").ConfigureAwait(false);
                    break;
                case "HELO":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                    break;
                case "RSET":
                    (from, to) = (null, []);
                    await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                    break;
                case "MAIL":
                    from = Address(line);
                    await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                    break;
                case "RCPT" when from is not null:
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                    break;
                case "DATA" when from is not null && to.Count > 0:
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append('\n');
                    }

                    Messages.Enqueue(new SmtpMessage(from, to.ToList(), data.ToString()));
                    (from, to) = (null, []);
                    await writer.WriteLineAsync("250 OK: queued").ConfigureAwait(false);
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye").ConfigureAwait(false);
                    return;
                default:
                    await writer.WriteLineAsync("503 Bad sequence of commands").ConfigureAwait(false);
                    break;
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line.Split(':', 2)[^1].Trim();
    }
}
