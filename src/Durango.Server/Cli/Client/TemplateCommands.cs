using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary><c>template create|list|delete</c> and <c>cluster-template create|list|delete</c>.</summary>
internal static class TemplateCommands
{
    public static async Task<int> RunAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var segment = kind == WorkflowKind.ClusterWorkflowTemplate ? "cluster-workflow-templates" : "workflow-templates";
        var namespaced = kind == WorkflowKind.WorkflowTemplate;
        var verb = args.Positional.Count > 0 ? args.Positional[0] : throw new CliUsageException("say create, list or delete");
        var rest = args.Positional.Skip(1).ToList();
        using var client = ApiClient.From(args);
        switch (verb)
        {
            case "create":
                var file = rest.Count == 1 ? rest[0] : throw new CliUsageException("create needs exactly one FILE");
                if (await WorkflowFile.ReadAsync(file).ConfigureAwait(false) is not { } text)
                {
                    await stderr.WriteLineAsync($"{file}:1:1: error: cannot read the file; check the path").ConfigureAwait(false);
                    return CommandLine.Failed;
                }

                return await WorkflowCommands.GuardAsync(stderr, async () =>
                {
                    var created = await client.CreateTemplateAsync(segment, namespaced, text).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"{kind} {created["metadata"]?["name"]} created").ConfigureAwait(false);
                }, file).ConfigureAwait(false);
            case "list":
                return await WorkflowCommands.GuardAsync(stderr, async () =>
                {
                    var list = await client.ListTemplatesAsync(segment, namespaced).ConfigureAwait(false);
                    foreach (var template in list["items"]?.AsArray() ?? [])
                    {
                        var templates = template?["spec"]?["templates"]?.AsArray().Select(t => t?["name"]?.ToString()) ?? [];
                        await stdout.WriteLineAsync($"{template?["metadata"]?["name"]}  templates: {string.Join(", ", templates)}").ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            case "delete":
                var name = rest.Count == 1 ? rest[0] : throw new CliUsageException("delete needs exactly one NAME");
                return await WorkflowCommands.GuardAsync(stderr, async () =>
                {
                    await client.DeleteTemplateAsync(segment, namespaced, name).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"{kind} {name} deleted").ConfigureAwait(false);
                }).ConfigureAwait(false);
            default:
                throw new CliUsageException($"unknown template command '{verb}'; say create, list or delete");
        }
    }
}
