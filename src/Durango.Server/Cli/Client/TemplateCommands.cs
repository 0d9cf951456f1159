using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary><c>template create|list|delete</c> and <c>cluster-template create|list|delete</c>.</summary>
internal static class TemplateCommands
{
    public static async Task<int> CreateAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var file = args.Positional[0];
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var created = await client.CreateTemplateAsync(Segment(kind), Namespaced(kind), text).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{kind} {created["metadata"]?["name"]} created").ConfigureAwait(false);
        }, file).ConfigureAwait(false);
    }

    public static async Task<int> ListAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var list = await client.ListTemplatesAsync(Segment(kind), Namespaced(kind)).ConfigureAwait(false);
            foreach (var template in list["items"]?.AsArray() ?? [])
            {
                var templates = template?["spec"]?["templates"]?.AsArray().Select(t => t?["name"]?.ToString()) ?? [];
                await stdout.WriteLineAsync($"{template?["metadata"]?["name"]}  templates: {string.Join(", ", templates)}").ConfigureAwait(false);
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
            await stdout.WriteLineAsync($"{kind} {name} deleted").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static string Segment(WorkflowKind kind) => kind == WorkflowKind.ClusterWorkflowTemplate ? "cluster-workflow-templates" : "workflow-templates";

    private static bool Namespaced(WorkflowKind kind) => kind == WorkflowKind.WorkflowTemplate;
}
