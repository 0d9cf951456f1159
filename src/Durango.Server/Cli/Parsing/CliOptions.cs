using System.CommandLine;

namespace Durango.Server.Cli.Parsing;

/// <summary>
/// The options the commands share, made fresh for each command (a System.CommandLine symbol has one parent).
/// Names follow the argo CLI: <c>-p/--parameter</c>, <c>-o/--output</c>, <c>-n/--namespace</c>, <c>-w/--watch</c>.
/// </summary>
internal static class CliOptions
{
    /// <summary>The canonical name of the parameter option.</summary>
    public const string ParameterName = "--parameter";

    public static Option<string> Output() => Output("text", "json");

    /// <summary><c>-o/--output</c> taking one of <paramref name="formats"/> (argo's names: <c>name</c>, <c>wide</c>, <c>yaml</c>, <c>json</c>).</summary>
    public static Option<string> Output(params string[] formats) => new Option<string>("--output", "-o")
    {
        Description = "Output format",
        HelpName = string.Join('|', formats),
    }.AcceptOnlyFromAmong(formats);

    /// <summary>argo's label and field selectors, which pick the workflows a command acts on.</summary>
    public static IEnumerable<Option> Selectors() =>
    [
        Value("--selector", "Label selector: k=v,k2!=v,k3", "SELECTOR", "-l", "--labels"),
        Value("--field-selector", "Field selector: metadata.name=NAME, metadata.namespace=NS", "SELECTOR"),
    ];

    public static Option<string[]> Parameter() => Parameter(ParameterName, "Input parameter of the workflow (repeatable); must be one of spec.arguments.parameters");

    /// <summary>A repeatable <c>-p name=value</c> option called <paramref name="name"/>; a value not shaped so is a usage error.</summary>
    public static Option<string[]> Parameter(string name, string description)
    {
        var option = new Option<string[]>(name, "-p")
        {
            Description = description,
            HelpName = "name=value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => CliArguments.ParseParameter(t.Value) is null))
            {
                result.AddError($"parameter '{token.Value}' must look like name=value");
            }
        });
        return option;
    }

    /// <summary>
    /// argo's submit options (<c>util.PopulateSubmitOpts</c>), which change a workflow before it is sent: <c>submit</c>
    /// and <c>cron create</c> take them.
    /// </summary>
    public static IEnumerable<Option> Submit() =>
    [
        Parameter(),
        Value("--parameter-file", "A YAML or JSON map of parameter names to values (-p wins)", "FILE", "-f"),
        Value("--labels", "Labels to add: k=v,k2=v2", "LABELS", "-l"),
        Value("--name", "Override metadata.name", "NAME"),
        Value("--generate-name", "Override metadata.generateName", "PREFIX"),
        Value("--entrypoint", "Override spec.entrypoint", "TEMPLATE"),
        Value("--serviceaccount", "Set spec.serviceAccountName (Kubernetes-only: accepted, and ignored)", "NAME"),
    ];

    public static Option<bool> Flag(string name, string description, params string[] aliases) => new(name, aliases) { Description = description };

    public static Option<string> Value(string name, string description, string helpName, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = helpName };

    /// <summary>Where the client commands send their requests, as the argo CLI configures it.</summary>
    public static IEnumerable<Option> Client() =>
    [
        Value("--server", "argo-server's API: durango serve, a Durango Functions app or argo-server (or ARGO_SERVER host:port, https unless ARGO_SECURE=false; default http://127.0.0.1:2746)", "URL", "-s"),
        Value("--token", "Bearer token (or ARGO_TOKEN)", "TOKEN"),
        Value("--namespace", "Namespace (or ARGO_NAMESPACE; default: the server's)", "NS", "-n"),
    ];

    /// <summary>The embedded host's backend and configuration (<c>run</c>, <c>serve</c>).</summary>
    public static IEnumerable<Option> Embedded() =>
    [
        Value("--storage", "Azure Storage backend instead of in-memory: a connection string (\"UseDevelopmentStorage=true\" for Azurite) or https://ACCOUNT.blob.core.windows.net with managed identity", "CONNECTION|URI"),
        Value("--task-hub", "The task hub (default durango); names its queues, tables and containers", "NAME"),
        Value("--config", "A JSON settings file (Durango:*, Secrets:*, OTEL_*)", "FILE"),
    ];
}
