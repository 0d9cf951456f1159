using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary><c>template create|list|delete</c> and <c>cluster-template create|list|delete</c>.</summary>
internal static class TemplateCommands
{
    public static async Task<int> RunAsync(WorkflowKind kind, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var segment = Api.Http.TemplateEndpoints.Segment(kind);
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
                    var created = await client.PutTemplateAsync(segment, text).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"{kind} {created.Name} created").ConfigureAwait(false);
                }, file).ConfigureAwait(false);
            case "list":
                return await WorkflowCommands.GuardAsync(stderr, async () =>
                {
                    foreach (var template in (await client.ListTemplatesAsync(segment).ConfigureAwait(false)).Items)
                    {
                        await stdout.WriteLineAsync($"{template.Name}  templates: {string.Join(", ", template.Templates)}").ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            case "delete":
                var name = rest.Count == 1 ? rest[0] : throw new CliUsageException("delete needs exactly one NAME");
                return await WorkflowCommands.GuardAsync(stderr, async () =>
                {
                    await client.DeleteTemplateAsync(segment, name).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"{kind} {name} deleted").ConfigureAwait(false);
                }).ConfigureAwait(false);
            default:
                throw new CliUsageException($"unknown template command '{verb}'; say create, list or delete");
        }
    }
}
