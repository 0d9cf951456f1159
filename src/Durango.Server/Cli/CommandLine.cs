using System.CommandLine;
using Durango.Embedded;
using Durango.Server.Cli.Parsing;

namespace Durango.Server.Cli;

/// <summary>
/// The <c>durango</c> command line on System.CommandLine: help for every command, <c>--version</c>, shell completion;
/// an unknown command or option, a missing or extra argument is a usage error (exit 2) with a "did you mean".
/// </summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Runs <paramref name="args"/> on the process's console; Ctrl+C cancels the command (it decides what that means).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C is the command's to handle; a second one ends the process as usual.
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, CliConsole.System(), interrupt.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs <paramref name="args"/>, printing to <paramref name="stdout"/> and <paramref name="stderr"/> (never a live screen).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt = default) =>
        RunAsync(args, new CliConsole(stdout, stderr, Screen: null), interrupt);

    /// <summary>Runs <paramref name="args"/> on <paramref name="console"/>; <paramref name="interrupt"/> is Ctrl+C.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken interrupt)
    {
        var root = CliCommands.Build(console);
        // No response files: argo's workflow alias @latest is an argument, not a file to read arguments from.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(invocation, CancellationToken.None).ConfigureAwait(false);
            return Usage;
        }

        if (result.Errors.Count > 0)
        {
            await UsageErrors.PrintAsync(result, console.Error).ConfigureAwait(false);
            return Usage;
        }

        try
        {
            return await result.InvokeAsync(invocation, interrupt).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync($"durango: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (BackendUnavailableException e)
        {
            await console.Error.WriteLineAsync($"durango: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }
}

/// <summary>A command line that cannot be understood.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
