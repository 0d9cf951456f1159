using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary>
/// <c>template create|get|update|list|delete</c> and the same for <c>cluster-template</c>, as <c>argo template</c>:
/// create, get and update print the template's <c>Name</c>, <c>Namespace</c> and <c>Created</c> (or, with <c>-o</c>, the object).
/// </summary>
internal static class TemplateCommands
{
    public static Task<int> CreateAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr) =>
        WriteAsync(kind, args, stdout, stderr, (client, text) => client.CreateTemplateAsync(Segment(kind), Namespaced(kind), text));

    public static Task<int> UpdateAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr) =>
        WriteAsync(kind, args, stdout, stderr, (client, text) =>
        {
            var name = (Core.Loading.WorkflowLoader.Load(text, args.Positional[0]).Documents is [var first, ..] ? first.Document.Metadata.Name : null)
                ?? throw new CliUsageException($"{args.Positional[0]}: error: the file holds no {kind} with a metadata.name to update");
            return client.UpdateObjectAsync(Segment(kind), Namespaced(kind), name, text);
        });

    public static async Task<int> GetAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var template = await client.GetObjectAsync(Segment(kind), Namespaced(kind), name).ConfigureAwait(false);
            await stdout.WriteAsync(args.Output switch
            {
                "json" => template.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine,
                "yaml" => YamlOutput.Write(template),
                _ => Header(template),
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> ListAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var list = await client.ListTemplatesAsync(Segment(kind), Namespaced(kind)).ConfigureAwait(false);
            await stdout.WriteLineAsync("NAME  TEMPLATES").ConfigureAwait(false);
            foreach (var template in list["items"]?.AsArray() ?? [])
            {
                var templates = template?["spec"]?["templates"]?.AsArray().Select(t => t?["name"]?.ToString()) ?? [];
                await stdout.WriteLineAsync($"{template?["metadata"]?["name"]}  {string.Join(", ", templates)}").ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    public static async Task<int> DeleteAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            await client.DeleteTemplateAsync(Segment(kind), Namespaced(kind), name).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{kind} '{name}' deleted").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<int> WriteAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr, Func<ApiClient, string, Task<JsonObject>> write)
    {
        var file = args.Positional[0];
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () => await stdout.WriteAsync(Header(await write(client, text).ConfigureAwait(false))).ConfigureAwait(false), file)
            .ConfigureAwait(false);
    }

    /// <summary>argo's template header: <c>Name:</c>, <c>Namespace:</c> (namespaced kinds), <c>Created:</c>.</summary>
    private static string Header(JsonObject template)
    {
        var metadata = template["metadata"];
        var text = $"{"Name:",-20} {metadata?["name"]}\n";
        if (metadata?["namespace"] is { } @namespace)
        {
            text += $"{"Namespace:",-20} {@namespace}\n";
        }

        var created = metadata?["creationTimestamp"]?.ToString();
        return text + $"{"Created:",-20} {(DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, out var at) ? at.ToLocalTime().ToString("ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture) : created)}\n";
    }

    private static string Segment(WorkflowKind kind) => kind == WorkflowKind.ClusterWorkflowTemplate ? "cluster-workflow-templates" : "workflow-templates";

    private static bool Namespaced(WorkflowKind kind) => kind == WorkflowKind.WorkflowTemplate;
}
