using System.Diagnostics;
using System.Net.Sockets;
using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Executors;

/// <summary>
/// Runs one try of a readiness probe against a daemon at <c>address</c>: an HTTP GET (200-399 is ready), a TCP
/// connection, or a command on this host (exit 0 is ready), each bounded by the probe's <c>timeoutSeconds</c>.
/// </summary>
internal static class ReadinessProbe
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        // A probe asks the daemon, never a proxy. HTTPS probes check the certificate (Kubernetes' do not).
        UseProxy = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>True when <paramref name="probe"/> passes now; a probe that cannot connect, times out or fails is false.</summary>
    public static async Task<bool> TryAsync(Probe probe, string address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DaemonRules.TryTimeout(probe));
        try
        {
            if (probe.HttpGet is { } http)
            {
                var path = http.Path.StartsWith('/') ? http.Path : "/" + http.Path;
                var uri = new Uri($"{http.Scheme.ToLowerInvariant()}://{http.Host ?? address}:{http.Port}{path}");
                using var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                return DaemonRules.IsReady((int)response.StatusCode);
            }

            if (probe.TcpSocket is { } tcp)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(tcp.Host ?? address, int.Parse(tcp.Port, System.Globalization.CultureInfo.InvariantCulture), timeout.Token).ConfigureAwait(false);
                return true;
            }

            if (probe.Exec is { Count: > 0 } command)
            {
                using var process = Process.Start(new ProcessStartInfo(command[0], command.Skip(1))
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is null)
                {
                    return false;
                }

                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    return process.ExitCode == 0;
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }
}
