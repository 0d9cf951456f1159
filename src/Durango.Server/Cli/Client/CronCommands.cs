using System.Text.Json.Nodes;

namespace Durango.Server.Cli.Client;

/// <summary>
/// <c>durango cron create FILE | list | get NAME | delete NAME | suspend NAME | resume NAME</c>, as <c>argo cron</c>,
/// against argo-server's <c>/api/v1/cron-workflows/{namespace}</c>. Each verb is its own method so that another
/// command-line parser can call them directly.
/// </summary>
internal static class CronCommands
{
    private const string Segment = "cron-workflows";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var verb = args.Positional.Count > 0 ? args.Positional[0] : throw new CliUsageException("say create, list, get, delete, suspend or resume");
        var rest = args.Positional.Skip(1).ToList();
        using var client = ApiClient.From(args);
        return verb switch
        {
            "create" => await CreateAsync(client, One(rest, "create needs exactly one FILE"), stdout, stderr).ConfigureAwait(false),
            "list" => await ListAsync(client, stdout, stderr).ConfigureAwait(false),
            "get" => await GetAsync(client, One(rest, "get needs exactly one NAME"), stdout, stderr).ConfigureAwait(false),
            "delete" => await ActAsync(client, HttpMethod.Delete, One(rest, "delete needs exactly one NAME"), null, "deleted", stdout, stderr).ConfigureAwait(false),
            "suspend" => await ActAsync(client, HttpMethod.Put, One(rest, "suspend needs exactly one NAME"), "suspend", "suspended", stdout, stderr).ConfigureAwait(false),
            "resume" => await ActAsync(client, HttpMethod.Put, One(rest, "resume needs exactly one NAME"), "resume", "resumed", stdout, stderr).ConfigureAwait(false),
            _ => throw new CliUsageException($"unknown cron command '{verb}'; say create, list, get, delete, suspend or resume"),
        };
    }

    /// <summary><c>cron create FILE</c>.</summary>
    public static async Task<int> CreateAsync(ApiClient client, string file, TextWriter stdout, TextWriter stderr)
    {
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var created = await client.CreateTemplateAsync(Segment, namespaced: true, text).ConfigureAwait(false);
            await stdout.WriteLineAsync($"CronWorkflow {created["metadata"]?["name"]} created").ConfigureAwait(false);
        }, file).ConfigureAwait(false);
    }

    /// <summary><c>cron list</c>: name, schedules, suspended, last and next tick, active workflows.</summary>
    public static Task<int> ListAsync(ApiClient client, TextWriter stdout, TextWriter stderr) => WorkflowCommands.GuardAsync(stderr, async () =>
    {
        var list = await client.ListTemplatesAsync(Segment, namespaced: true).ConfigureAwait(false);
        await stdout.WriteLineAsync("NAME  SCHEDULES  SUSPENDED  LAST  NEXT  ACTIVE").ConfigureAwait(false);
        foreach (var cron in list["items"]?.AsArray() ?? [])
        {
            await stdout.WriteLineAsync(Line(cron!.AsObject())).ConfigureAwait(false);
        }
    });

    /// <summary><c>cron get NAME</c>.</summary>
    public static Task<int> GetAsync(ApiClient client, string name, TextWriter stdout, TextWriter stderr) => WorkflowCommands.GuardAsync(stderr, async () =>
    {
        var cron = await client.SendJsonAsync(HttpMethod.Get, await PathAsync(client, name, null).ConfigureAwait(false)).ConfigureAwait(false);
        var status = cron["status"];
        await stdout.WriteLineAsync($"Name:               {cron["metadata"]?["name"]}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Namespace:          {cron["metadata"]?["namespace"]}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Schedules:          {Schedules(cron)}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Timezone:           {cron["spec"]?["timezone"] ?? "UTC"}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Suspended:          {cron["spec"]?["suspend"]?.ToString() ?? "false"}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Phase:              {status?["phase"]}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"LastScheduledTime:  {status?["lastScheduledTime"]}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"NextScheduledTime:  {status?["durangoNextScheduledTime"]}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Active Workflows:   {Active(cron)}").ConfigureAwait(false);
        foreach (var condition in status?["conditions"]?.AsArray() ?? [])
        {
            await stdout.WriteLineAsync($"Condition:          {condition?["type"]}: {condition?["message"]}").ConfigureAwait(false);
        }
    });

    /// <summary><c>cron delete|suspend|resume NAME</c>.</summary>
    public static Task<int> ActAsync(ApiClient client, HttpMethod method, string name, string? action, string done, TextWriter stdout, TextWriter stderr) =>
        WorkflowCommands.GuardAsync(stderr, async () =>
        {
            await client.SendJsonAsync(method, await PathAsync(client, name, action).ConfigureAwait(false)).ConfigureAwait(false);
            await stdout.WriteLineAsync($"CronWorkflow {name} {done}").ConfigureAwait(false);
        });

    private static string Line(JsonObject cron) =>
        $"{cron["metadata"]?["name"]}  {Schedules(cron)}  {cron["spec"]?["suspend"]?.ToString() ?? "false"}  {cron["status"]?["lastScheduledTime"] ?? "-"}  {cron["status"]?["durangoNextScheduledTime"] ?? "-"}  {Active(cron)}";

    private static string Schedules(JsonObject cron) =>
        cron["spec"]?["schedules"] is JsonArray list ? string.Join(",", list.Select(s => s?.ToString())) : cron["spec"]?["schedule"]?.ToString() ?? string.Empty;

    private static string Active(JsonObject cron) =>
        cron["status"]?["active"] is JsonArray active ? string.Join(",", active.Select(a => a?["name"]?.ToString())) : "-";

    private static async Task<string> PathAsync(ApiClient client, string name, string? action) =>
        $"api/v1/{Segment}/{Uri.EscapeDataString(await client.NamespaceAsync().ConfigureAwait(false))}/{Uri.EscapeDataString(name)}" + (action is null ? string.Empty : "/" + action);

    private static string One(List<string> rest, string usage) => rest.Count == 1 ? rest[0] : throw new CliUsageException(usage);
}
