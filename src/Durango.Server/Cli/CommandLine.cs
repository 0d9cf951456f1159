using Durango.Core.Spec;
using Durango.Embedded;
using Durango.Server.Cli.Client;

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
          durango serve [--urls URL] [--api-key KEY] [--config FILE]
                                                    serve the HTTP API (default http://127.0.0.1:2746)

        Embedded host options (run, serve): in memory unless
          --storage CONNECTION|URI   Azure Storage: a connection string ("UseDevelopmentStorage=true" for
                                     Azurite) or https://ACCOUNT.blob.core.windows.net with managed identity
          --task-hub NAME            the task hub (default durango); names its queues, tables and containers


        Client commands, over argo-server's API (durango serve, a Durango Functions app or argo-server):
        --server URL (or ARGO_SERVER host:port, https unless ARGO_SECURE=false; default http://127.0.0.1:2746),
        --token TOKEN (or ARGO_TOKEN), --namespace NS (or ARGO_NAMESPACE; default: the server's):
          durango submit FILE [-p name=value]... [--watch] [--generate-name PREFIX]
          durango list [--phase P] [--labels k=v,...] [--all-namespaces] [--output json]
          durango get NAME [--output json]
          durango logs NAME [--node NODE] [--follow]
          durango stop|terminate|suspend|resume|retry|resubmit|delete NAME
          durango template create FILE | list | delete NAME
          durango cluster-template create FILE | list | delete NAME

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
                "serve" => await ServeCommand.RunAsync(options, stdout).ConfigureAwait(false),
                "submit" => await WorkflowCommands.SubmitAsync(options, stdout, stderr).ConfigureAwait(false),
                "list" => await WorkflowCommands.ListAsync(options, stdout, stderr).ConfigureAwait(false),
                "get" => await WorkflowCommands.GetAsync(options, stdout, stderr).ConfigureAwait(false),
                "logs" => await WorkflowCommands.LogsAsync(options, stdout, stderr).ConfigureAwait(false),
                "resubmit" => await WorkflowCommands.ResubmitAsync(options, stdout, stderr).ConfigureAwait(false),
                var control when WorkflowCommands.Controls.Contains(control) => await WorkflowCommands.ControlAsync(control, options, stdout, stderr).ConfigureAwait(false),
                "template" => await TemplateCommands.RunAsync(WorkflowKind.WorkflowTemplate, options, stdout, stderr).ConfigureAwait(false),
                "cluster-template" => await TemplateCommands.RunAsync(WorkflowKind.ClusterWorkflowTemplate, options, stdout, stderr).ConfigureAwait(false),
                "cron" => await CronCommands.RunAsync(options, stdout, stderr).ConfigureAwait(false),
                "run" => await RunCommand.RunAsync(options, stdout, stderr, interactive: !Console.IsOutputRedirected && stdout == Console.Out).ConfigureAwait(false),
                _ => throw new CliUsageException($"unknown command '{args[0]}'; run 'durango --help'"),
            };
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"durango: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (BackendUnavailableException e)
        {
            await stderr.WriteLineAsync($"durango: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }
}

/// <summary>A command line that cannot be understood.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
