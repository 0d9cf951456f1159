using System.Diagnostics;
using System.Text;

namespace Durango.Testing;

/// <summary>
/// <c>durango serve</c> as a process of its own (the built <c>durango.dll</c>), on 127.0.0.1, so that a test can
/// <c>kill -9</c> exactly that pid and start it again on the same port, task hub and storage.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServeProcess(Process process, StringBuilder output, int port)
    {
        _process = process;
        _output = output;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its base URL.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Its exit code once it has exited (137 after SIGKILL), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>What it printed so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>durango serve</c> with <paramref name="arguments"/> (<c>--storage</c>, <c>--task-hub</c>, ...) on
    /// <paramref name="port"/> (a free one when null) and waits until it listens. <paramref name="environment"/> adds settings.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var chosen = port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "durango.dll"), "serve", "--urls", $"http://127.0.0.1:{chosen}" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("durango serve exited before it listened"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, output, chosen);
        try
        {
            await listening.Task.WaitAsync(StartPatience).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await serve.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"durango serve did not start: {e.Message}\n{serve.Output}", e);
        }

        return serve;
    }

    /// <summary>Sends SIGKILL to this process only (not its process tree): a crash, as <c>kill -9 PID</c>.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

}
