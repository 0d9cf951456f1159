using System.CommandLine;
using Durango.Core.Spec;
using Durango.Server.Cli.Client;
using Durango.Server.Cli.Completion;

namespace Durango.Server.Cli.Parsing;

/// <summary>The <c>durango</c> command tree: every command, its arguments and options, and the action it runs.</summary>
internal static class CliCommands
{
    private delegate Task<int> Handler(CliArguments args, CliConsole console, CancellationToken cancellationToken);

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("""
            durango: run Argo Workflows on Durable Task, without Kubernetes.

            Exit codes: 0 success, 1 failure (errors found, workflow not Succeeded), 2 bad usage.
            """);
        root.Subcommands.Add(Command(console, "lint", "Validate workflows and templates like 'argo lint'", Lint, Files(), CliOptions.Output()));
        root.Subcommands.Add(Command(console, "run", "Run a workflow to its end on the embedded host, showing its tree; exit 0 only if it Succeeded", Run,
            [File(), CliOptions.Parameter(), CliOptions.Output(), CliOptions.Flag("--log", "Print every step's log at the end"), .. CliOptions.Embedded()]));
        root.Subcommands.Add(Command(console, "serve", "Serve argo-server's API (/api/v1) and /healthz on the embedded host", Serve,
            [CliOptions.Value("--urls", "Where to listen (default http://127.0.0.1:2746)", "URL"), CliOptions.Value("--api-key", "A key every request must carry (or DURANGO_API_KEY)", "KEY"), .. CliOptions.Embedded()]));
        root.Subcommands.Add(Command(console, "submit", "Submit a workflow to a server", (a, c, t) => WorkflowCommands.SubmitAsync(a, c, t),
            [File(), CliOptions.Parameter(), CliOptions.Flag("--watch", "Show the tree until the workflow ends; exit 0 only if it Succeeded", "-w"),
             CliOptions.Value("--generate-name", "Override metadata.generateName", "PREFIX"), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "list", "List workflows, newest first", (a, c, _) => WorkflowCommands.ListAsync(a, c.Out, c.Error),
            [CliOptions.Value("--phase", "Only workflows in these phases (comma-separated)", "PHASE"), CliOptions.Value("--selector", "Label selector: k=v,k2!=v,k3", "SELECTOR", "-l", "--labels"),
             CliOptions.Flag("--all-namespaces", "Workflows of every namespace", "-A"), CliOptions.Output(), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "get", "Show a workflow as 'argo get' does", (a, c, _) => WorkflowCommands.GetAsync(a, c.Out, c.Error),
            [Name(), CliOptions.Output(), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "logs", "Print 'node: line' for every step", (a, c, _) => WorkflowCommands.LogsAsync(a, c.Out, c.Error),
            [Name(), CliOptions.Value("--node", "Only this node (id, name or display name)", "NODE"), CliOptions.Flag("--follow", "Stream until the workflow ends", "-f"), .. CliOptions.Client()]));
        foreach (var (action, description) in WorkflowCommands.Actions)
        {
            root.Subcommands.Add(Command(console, action, description, (a, c, _) => WorkflowCommands.ActionAsync(action, a, c.Out, c.Error), [Name(), .. CliOptions.Client()]));
        }

        root.Subcommands.Add(Templates(console, "template", WorkflowKind.WorkflowTemplate));
        root.Subcommands.Add(Templates(console, "cluster-template", WorkflowKind.ClusterWorkflowTemplate));
        root.Subcommands.Add(Crons(console));
        root.Subcommands.Add(CompletionCommand.Build(console));
        return root;
    }

    private static Command Templates(CliConsole console, string name, WorkflowKind kind)
    {
        var command = new Command(name, $"Install, list and delete {kind}s");
        command.Subcommands.Add(Command(console, "create", $"Install a {kind} from FILE", (a, c, _) => TemplateCommands.CreateAsync(kind, a, c.Out, c.Error), [File(), .. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "list", $"List the {kind}s", (a, c, _) => TemplateCommands.ListAsync(kind, a, c.Out, c.Error), [.. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "delete", $"Delete a {kind}", (a, c, _) => TemplateCommands.DeleteAsync(kind, a, c.Out, c.Error), [Name(), .. CliOptions.Client()]));
        return command;
    }

    private static Command Crons(CliConsole console)
    {
        var command = new Command("cron", "Create, list, show, delete, suspend and resume CronWorkflows");
        foreach (var (verb, description, argument) in new (string, string, Argument?)[]
        {
            ("create", "Install a CronWorkflow from FILE", File()),
            ("list", "List the CronWorkflows: schedules, last and next tick, active workflows", null),
            ("get", "Show a CronWorkflow", Name()),
            ("delete", "Delete a CronWorkflow (its workflows stay)", Name()),
            ("suspend", "Start no more workflows until resumed", Name()),
            ("resume", "Start workflows again at the next tick", Name()),
        })
        {
            Symbol[] symbols = argument is null ? [.. CliOptions.Client()] : [argument, .. CliOptions.Client()];
            command.Subcommands.Add(Command(console, verb, description, (a, c, _) => CronCommands.RunAsync(a with { Positional = [verb, .. a.Positional] }, c.Out, c.Error), symbols));
        }

        return command;
    }

    private static Command Command(CliConsole console, string name, string description, Handler handler, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction((result, cancellationToken) => handler(CliArguments.From(result), console, cancellationToken));
        return command;
    }

    private static Task<int> Lint(CliArguments args, CliConsole console, CancellationToken cancellationToken) => LintCommand.RunAsync(args, console.Out, console.Error);

    private static Task<int> Run(CliArguments args, CliConsole console, CancellationToken cancellationToken) => RunCommand.RunAsync(args, console, cancellationToken);

    private static Task<int> Serve(CliArguments args, CliConsole console, CancellationToken cancellationToken) => ServeCommand.RunAsync(args, console.Out);

    private static Argument<string[]> Files() => new("FILE") { Description = "Workflow or template files ('-' reads standard input)", Arity = ArgumentArity.OneOrMore };

    private static Argument<string> File() => new("FILE") { Description = "The workflow file ('-' reads standard input)" };

    private static Argument<string> Name() => new("NAME") { Description = "The workflow's name" };
}
