using System.CommandLine;
using Durango.Core.Spec;
using Durango.Server.Cli.Client;
using Durango.Server.Cli.Completion;

namespace Durango.Server.Cli.Parsing;

/// <summary>The <c>durango</c> command tree: every command, its arguments and options, and the action it runs.</summary>
internal static class CliCommands
{
    /// <summary>argo's <c>-o</c> for workflows: its view (<c>text</c>, the default), <c>name</c>, <c>wide</c>, <c>json</c>, <c>yaml</c>.</summary>
    private static readonly string[] WorkflowOutputs = ["text", "name", "wide", "json", "yaml"];

    private delegate Task<int> Handler(CliArguments args, CliConsole console, CancellationToken cancellationToken);

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("""
            durango: run Argo Workflows on Durable Task, without Kubernetes.

            Exit codes: 0 success, 1 failure (errors found, workflow not Succeeded), 2 bad usage.
            """);
        root.Subcommands.Add(Command(console, "lint", "Validate workflows and templates like 'argo lint' (a directory: its YAML and JSON files)", Lint,
            Files(), CliOptions.Output(), CliOptions.Value("--kinds", "Only these kinds: workflows, workflowtemplates, clusterworkflowtemplates, cronworkflows (wf, wftmpl, cwftmpl, cronwf)", "KINDS"),
            CliOptions.Flag("--offline", "Lint without a server (Durango's lint always does)")));
        root.Subcommands.Add(Command(console, "run", "Run a workflow to its end on the embedded host, showing its tree; exit 0 only if it Succeeded", Run,
            [File(), CliOptions.Parameter(), CliOptions.Output(), CliOptions.Flag("--log", "Print every step's log at the end"), .. CliOptions.Embedded()]));
        root.Subcommands.Add(Command(console, "serve", "Serve argo-server's API (/api/v1) and /healthz on the embedded host", Serve,
            [CliOptions.Value("--urls", "Where to listen (default http://127.0.0.1:2746)", "URL"), CliOptions.Value("--api-key", "A key every request must carry (or DURANGO_API_KEY)", "KEY"), .. CliOptions.Embedded()]));
        root.Subcommands.Add(Command(console, "submit", "Submit a workflow (FILE, or --from KIND/NAME) to a server", SubmitCommand.RunAsync,
            [OptionalFile(), .. CliOptions.Submit(),
             CliOptions.Value("--from", "Submit from a stored template: workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronworkflow/NAME", "KIND/NAME"),
             CliOptions.Flag("--dry-run", "Print the workflow that would be submitted; send nothing"),
             CliOptions.Flag("--server-dry-run", "Have the server validate the workflow and answer it as it would start; start nothing"),
             CliOptions.Flag("--watch", "Show the tree until the workflow ends; exit 0 only if it Succeeded", "-w"), CliOptions.Output(WorkflowOutputs), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "list", "List workflows, newest first", (a, c, _) => WorkflowCommands.ListAsync(a, c.Out, c.Error),
            [CliOptions.Value("--phase", "Only workflows in these phases (comma-separated)", "PHASE", "--status"), .. CliOptions.Selectors(),
             CliOptions.Flag("--running", "Only the workflows that have not ended"), CliOptions.Flag("--completed", "Only the workflows that have ended"),
             CliOptions.Flag("--resubmitted", "Only the workflows made by resubmit"), CliOptions.Value("--prefix", "Only the workflows whose name starts with PREFIX", "PREFIX"),
             CliOptions.Value("--older", "Only the workflows that ended longer ago than DURATION (10m, 3h, 1d)", "DURATION"),
             CliOptions.Value("--since", "Only the workflows created within DURATION", "DURATION"),
             CliOptions.Flag("--all-namespaces", "Workflows of every namespace", "-A"), CliOptions.Output(WorkflowOutputs), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "get", "Show a workflow as 'argo get' does (@latest: the newest)", (a, c, _) => WorkflowCommands.GetAsync(a, c.Out, c.Error),
            [Name(), CliOptions.Output(WorkflowOutputs), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "logs", "Print 'pod: line' for every step, or for the pod or node given", (a, c, _) => WorkflowCommands.LogsAsync(a, c.Out, c.Error),
            [Name(), new Argument<string>("POD") { Description = "Only this pod or node (id, name, display name or pod name)", Arity = ArgumentArity.ZeroOrOne },
             CliOptions.Value("--node", "Only this node (id, name or display name)", "NODE"), CliOptions.Flag("--follow", "Stream until the workflow ends", "-f"),
             CliOptions.Value("--tail", "Only the last N lines", "N"), CliOptions.Value("--grep", "Only the lines matching this regular expression", "PATTERN"), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "wait", "Wait for workflows to end; exit 0 only if all Succeeded", (a, c, t) => WorkflowCommands.WaitAsync(a, c.Out, c.Error, t),
            [Names(ArgumentArity.OneOrMore), .. CliOptions.Client()]));
        root.Subcommands.Add(Command(console, "watch", "Show a workflow's tree until it ends; exit 0 only if it Succeeded", WorkflowCommands.WatchAsync,
            [Name(), .. CliOptions.Client()]));
        foreach (var (action, description) in WorkflowActionCommands.Actions)
        {
            root.Subcommands.Add(Command(console, action, description, (a, c, _) => WorkflowActionCommands.RunAsync(action, a, c.Out, c.Error),
                [Names(ArgumentArity.ZeroOrMore), .. CliOptions.Selectors(), .. WorkflowActionCommands.Options(action), .. CliOptions.Client()]));
        }

        root.Subcommands.Add(Node(console));
        root.Subcommands.Add(Templates(console, "template", WorkflowKind.WorkflowTemplate));
        root.Subcommands.Add(Templates(console, "cluster-template", WorkflowKind.ClusterWorkflowTemplate));
        root.Subcommands.Add(Crons(console));
        root.Subcommands.Add(CompletionCommand.Build(console));
        return root;
    }

    private static Command Templates(CliConsole console, string name, WorkflowKind kind)
    {
        var command = new Command(name, $"Install, show, update, list, lint and delete {kind}s");
        command.Subcommands.Add(Command(console, "create", $"Install a {kind} from FILE", (a, c, _) => TemplateCommands.CreateAsync(kind, a, c.Out, c.Error), [File(), .. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "get", $"Show a {kind}", (a, c, _) => TemplateCommands.GetAsync(kind, a, c.Out, c.Error), [Name(), CliOptions.Output("text", "json", "yaml"), .. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "update", $"Replace a {kind} with FILE's", (a, c, _) => TemplateCommands.UpdateAsync(kind, a, c.Out, c.Error), [File(), .. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "lint", $"Validate the {kind}s in FILE... (a directory: its YAML and JSON files)",
            (a, c, _) => LintCommand.RunAsync(a, new HashSet<WorkflowKind> { kind }, c.Out, c.Error), [Files(), CliOptions.Output()]));
        command.Subcommands.Add(Command(console, "list", $"List the {kind}s", (a, c, _) => TemplateCommands.ListAsync(kind, a, c.Out, c.Error), [.. CliOptions.Client()]));
        command.Subcommands.Add(Command(console, "delete", $"Delete a {kind}", (a, c, _) => TemplateCommands.DeleteAsync(kind, a, c.Out, c.Error), [Name(), .. CliOptions.Client()]));
        return command;
    }

    private static Command Node(CliConsole console)
    {
        var command = new Command("node", "Act on nodes of a workflow, as 'argo node'");
        command.Subcommands.Add(Command(console, "set", "Set the message, phase or supplied output parameters of the waiting suspend nodes a selector picks", (a, c, _) => NodeCommand.SetAsync(a, c.Out, c.Error),
            [Name(), CliOptions.Value("--node-field-selector", "The nodes to set: displayName=X, name=X, templateName=X, inputs.parameters.NAME.value=X", "SELECTOR"),
             CliOptions.Parameter("--output-parameter", "A supplied output parameter of the node (repeatable): name=value, the value unquoted when in double quotes"),
             CliOptions.Value("--phase", "End the node with this phase: Succeeded, Failed or Error", "PHASE"),
             CliOptions.Value("--message", "The node's message", "MESSAGE", "-m"), .. CliOptions.Client()]));
        return command;
    }

    private static Command Crons(CliConsole console)
    {
        var command = new Command("cron", "Create, update, lint, list, show, delete, suspend and resume CronWorkflows");
        foreach (var (verb, description, argument) in new (string, string, Argument?)[]
        {
            ("create", "Install the CronWorkflows of FILE...; the flags change each before it is sent", Files()),
            ("update", "Replace a CronWorkflow with FILE's", File()),
            ("lint", "Validate the CronWorkflows in FILE... (a directory: its YAML and JSON files)", Files()),
            ("list", "List the CronWorkflows: schedules, last and next tick, active workflows", null),
            ("get", "Show a CronWorkflow", Name()),
            ("delete", "Delete a CronWorkflow (its workflows stay)", Name()),
            ("suspend", "Start no more workflows until resumed", Name()),
            ("resume", "Start workflows again at the next tick", Name()),
        })
        {
            Symbol[] options = verb switch
            {
                "lint" => [CliOptions.Output()],
                "get" => [CliOptions.Output("text", "json", "yaml"), .. CliOptions.Client()],
                "create" => [CliOptions.Value("--schedule", "Replace the schedules with this one", "SCHEDULE"), .. CliOptions.Submit(), .. CliOptions.Client()],
                "list" => [CliOptions.Selectors().First(), .. CliOptions.Client()],
                _ => [.. CliOptions.Client()],
            };
            Symbol[] symbols = argument is null ? options : [argument, .. options];
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

    private static Argument<string> Name() => new("NAME") { Description = "The workflow's name (@latest: the newest)" };

    private static Argument<string[]> Names(ArgumentArity arity) => new("NAME") { Description = "The workflows' names (@latest: the newest)", Arity = arity };

    private static Argument<string> OptionalFile() => new("FILE") { Description = "The workflow file ('-' reads standard input)", Arity = ArgumentArity.ZeroOrOne };
}
