namespace Durango.Server.Cli;

/// <summary>The <c>durango</c> command: dispatches to a subcommand and turns usage errors into exit code 2.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        durango: run Argo Workflows on Durable Task, without Kubernetes.

        Usage:
          durango lint FILE... [--output text|json]   validate workflows like 'argo lint'
          durango run FILE [-p name=value]... [--output text|json] [--log] [--config FILE]
                                                    run a workflow to its end on the embedded host

        Exit codes: 0 success, 1 failure (errors found, workflow failed), 2 bad usage.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Help).ConfigureAwait(false);
            return args.Length == 0 ? Usage : Ok;
        }

        try
        {
            var options = CliArguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "lint" => await LintCommand.RunAsync(options, stdout, stderr).ConfigureAwait(false),
                "run" => await RunCommand.RunAsync(options, stdout, stderr, interactive: !Console.IsOutputRedirected && stdout == Console.Out).ConfigureAwait(false),
                _ => throw new CliUsageException($"unknown command '{args[0]}'; run 'durango --help'"),
            };
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"durango: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
    }
}

/// <summary>A command line that cannot be understood.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
