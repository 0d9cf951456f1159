using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary>
/// <c>durango cron create FILE | update FILE | lint FILE... | list | get NAME | delete NAME | suspend NAME | resume NAME</c>,
/// as <c>argo cron</c>, against argo-server's <c>/api/v1/cron-workflows/{namespace}</c>. create, update and get print
/// argo's fields (<c>Name</c>, <c>Namespace</c>, <c>Created</c>, <c>Schedules</c>, <c>Suspended</c>, ...). Each verb is its own
/// method so that another command-line parser can call them directly.
/// </summary>
internal static class CronCommands
{
    private const string Segment = "cron-workflows";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var verb = args.Positional.Count > 0 ? args.Positional[0] : throw new CliUsageException("say create, update, lint, list, get, delete, suspend or resume");
        var rest = args.Positional.Skip(1).ToList();
        if (verb == "lint")
        {
            return await LintCommand.RunAsync(args with { Positional = rest }, new HashSet<WorkflowKind> { WorkflowKind.CronWorkflow }, stdout, stderr).ConfigureAwait(false);
        }

        using var client = ApiClient.From(args);
        return verb switch
        {
            "create" => await CreateAsync(client, rest, await CronOverrides.FromAsync(args).ConfigureAwait(false), stdout, stderr).ConfigureAwait(false),
            "update" => await UpdateAsync(client, One(rest, "update needs exactly one FILE"), stdout, stderr).ConfigureAwait(false),
            "list" => await ListAsync(client, args.Option("--selector"), stdout, stderr).ConfigureAwait(false),
            "get" => await GetAsync(client, One(rest, "get needs exactly one NAME"), args.Output, stdout, stderr).ConfigureAwait(false),
            "delete" => await ActAsync(client, HttpMethod.Delete, One(rest, "delete needs exactly one NAME"), null, "deleted", stdout, stderr).ConfigureAwait(false),
            "suspend" => await ActAsync(client, HttpMethod.Put, One(rest, "suspend needs exactly one NAME"), "suspend", "suspended", stdout, stderr).ConfigureAwait(false),
            "resume" => await ActAsync(client, HttpMethod.Put, One(rest, "resume needs exactly one NAME"), "resume", "resumed", stdout, stderr).ConfigureAwait(false),
            _ => throw new CliUsageException($"unknown cron command '{verb}'; say create, update, lint, list, get, delete, suspend or resume"),
        };
    }

    /// <summary>
    /// <c>cron create FILE... [--schedule S] [-p name=value] [--name N | --generate-name P] [--entrypoint T] [-l k=v]</c>:
    /// each CronWorkflow of each file, changed as <paramref name="overrides"/> say (argo's <c>CreateCronWorkflows</c>).
    /// </summary>
    public static async Task<int> CreateAsync(ApiClient client, IReadOnlyList<string> files, CronOverrides overrides, TextWriter stdout, TextWriter stderr)
    {
        if (files.Count == 0)
        {
            throw new CliUsageException("create needs a FILE");
        }

        foreach (var file in files)
        {
            var code = await WriteAsync(file, stdout, stderr, async text =>
            {
                JsonObject? created = null;
                foreach (var cron in overrides.Apply(text, file))
                {
                    created = await client.CreateTemplateAsync(Segment, namespaced: true, cron).ConfigureAwait(false);
                }

                return created ?? throw new CliUsageException($"{file}: error: the file holds no CronWorkflow");
            }).ConfigureAwait(false);
            if (code != CommandLine.Ok)
            {
                return code;
            }
        }

        return CommandLine.Ok;
    }

    /// <summary><c>cron update FILE</c>: replaces the CronWorkflow the file names.</summary>
    public static Task<int> UpdateAsync(ApiClient client, string file, TextWriter stdout, TextWriter stderr) =>
        WriteAsync(file, stdout, stderr, text =>
        {
            var name = (Core.Loading.WorkflowLoader.Load(text, file).Documents is [var first, ..] ? first.Document.Metadata.Name : null)
                ?? throw new CliUsageException($"{file}: error: the file holds no CronWorkflow with a metadata.name to update");
            return client.UpdateObjectAsync(Segment, namespaced: true, name, text);
        });

    /// <summary>
    /// <c>cron list [-l SELECTOR]</c>: argo's columns (name, age, last run, schedules, suspended), then the next tick and the
    /// active workflows.
    /// </summary>
    public static Task<int> ListAsync(ApiClient client, string? labelSelector, TextWriter stdout, TextWriter stderr) => WorkflowCommands.GuardAsync(stderr, async () =>
    {
        var list = await client.ListTemplatesAsync(Segment, namespaced: true, labelSelector).ConfigureAwait(false);
        await stdout.WriteLineAsync("NAME  SCHEDULES  SUSPENDED  LAST RUN  NEXT  ACTIVE  AGE").ConfigureAwait(false);
        foreach (var cron in list["items"]?.AsArray() ?? [])
        {
            await stdout.WriteLineAsync(Line(cron!.AsObject())).ConfigureAwait(false);
        }
    });

    /// <summary><c>cron get NAME [-o json|yaml]</c>.</summary>
    public static Task<int> GetAsync(ApiClient client, string name, string output, TextWriter stdout, TextWriter stderr) => WorkflowCommands.GuardAsync(stderr, async () =>
    {
        var cron = await client.SendJsonAsync(HttpMethod.Get, await PathAsync(client, name, null).ConfigureAwait(false)).ConfigureAwait(false);
        await stdout.WriteAsync(output switch
        {
            "json" => cron.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine,
            "yaml" => YamlOutput.Write(cron),
            _ => Render(cron),
        }).ConfigureAwait(false);
    });

    /// <summary><c>cron delete|suspend|resume NAME</c>: argo's <c>CronWorkflow 'NAME' suspended</c>.</summary>
    public static Task<int> ActAsync(ApiClient client, HttpMethod method, string name, string? action, string done, TextWriter stdout, TextWriter stderr) =>
        WorkflowCommands.GuardAsync(stderr, async () =>
        {
            await client.SendJsonAsync(method, await PathAsync(client, name, action).ConfigureAwait(false)).ConfigureAwait(false);
            await stdout.WriteLineAsync($"CronWorkflow '{name}' {done}").ConfigureAwait(false);
        });

    /// <summary>argo's <c>cron get</c> view: each field's label padded to 30, a space, the value.</summary>
    public static string Render(JsonObject cron)
    {
        var spec = cron["spec"];
        var status = cron["status"];
        var text = new StringBuilder();
        void Field(string label, object? value) => text.Append(string.Create(CultureInfo.InvariantCulture, $"{label,-30} {value}").TrimEnd()).Append('\n');
        Field("Name:", cron["metadata"]?["name"]);
        Field("Namespace:", cron["metadata"]?["namespace"]);
        Field("Created:", cron["metadata"]?["creationTimestamp"]);
        Field("Schedules:", Schedules(cron));
        Field("Suspended:", spec?["suspend"]?.ToString() ?? "false");
        Field("Timezone:", spec?["timezone"] ?? "UTC");
        Field("StartingDeadlineSeconds:", spec?["startingDeadlineSeconds"]?.ToString() ?? "0");
        Field("ConcurrencyPolicy:", spec?["concurrencyPolicy"] ?? "Allow");
        Field("Phase:", status?["phase"]);
        Field("LastScheduledTime:", status?["lastScheduledTime"]);
        Field("NextScheduledTime:", status?["durangoNextScheduledTime"]);
        Field("Active Workflows:", Active(cron));
        foreach (var condition in status?["conditions"]?.AsArray() ?? [])
        {
            Field("Condition:", $"{condition?["type"]}: {condition?["message"]}");
        }

        if (spec?["workflowSpec"]?["arguments"]?["parameters"] is JsonArray { Count: > 0 } parameters)
        {
            Field("Workflow Parameters:", string.Empty);
            foreach (var parameter in parameters)
            {
                Field($"  {parameter?["name"]}:", parameter?["value"]);
            }
        }

        return text.ToString();
    }

    private static async Task<int> WriteAsync(string file, TextWriter stdout, TextWriter stderr, Func<string, Task<JsonObject>> write)
    {
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        return await WorkflowCommands.GuardAsync(stderr, async () => await stdout.WriteAsync(Render(await write(text).ConfigureAwait(false))).ConfigureAwait(false), file)
            .ConfigureAwait(false);
    }

    private static string Line(JsonObject cron) =>
        $"{cron["metadata"]?["name"]}  {Schedules(cron)}  {cron["spec"]?["suspend"]?.ToString() ?? "false"}  {cron["status"]?["lastScheduledTime"] ?? "-"}  "
        + $"{cron["status"]?["durangoNextScheduledTime"] ?? "-"}  {Active(cron)}  {Age(cron)}";

    private static string Age(JsonObject cron) =>
        DateTimeOffset.TryParse(cron["metadata"]?["creationTimestamp"]?.ToString(), CultureInfo.InvariantCulture, out var created)
            ? WorkflowPrinter.Duration(DateTimeOffset.UtcNow - created)
            : "-";

    private static string Schedules(JsonObject cron) =>
        cron["spec"]?["schedules"] is JsonArray list ? string.Join(",", list.Select(s => s?.ToString())) : cron["spec"]?["schedule"]?.ToString() ?? string.Empty;

    private static string Active(JsonObject cron) =>
        cron["status"]?["active"] is JsonArray active ? string.Join(",", active.Select(a => a?["name"]?.ToString())) : "-";

    private static async Task<string> PathAsync(ApiClient client, string name, string? action) =>
        $"api/v1/{Segment}/{Uri.EscapeDataString(await client.NamespaceAsync().ConfigureAwait(false))}/{Uri.EscapeDataString(name)}" + (action is null ? string.Empty : "/" + action);

    private static string One(List<string> rest, string usage) => rest.Count == 1 ? rest[0] : throw new CliUsageException(usage);
}
