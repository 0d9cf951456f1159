using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Server.Cli.Client;

/// <summary>
/// <c>durango node set WORKFLOW --node-field-selector SELECTOR [--output-parameter name=value]... [--phase PHASE]
/// [--message TEXT]</c>, as <c>argo node set</c> (cmd/argo/commands/node.go): argo-server's <c>set</c> action on the
/// waiting suspend nodes the selector picks. A value in double quotes is unquoted first, as argo's CLI does
/// (<c>message="Hello, World!"</c> sets <c>Hello, World!</c>). Without a selector it refuses, as argo-server does. Prints
/// argo's <c>workflow values set</c>.
/// </summary>
internal static class NodeCommand
{
    public static async Task<int> SetAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrEmpty(args.Option("--node-field-selector")))
        {
            // argo-server's refusal (workflow/util SetWorkflow), said before anything is sent.
            throw new CliUsageException("'set' currently only targets suspend nodes, use a node field selector to target them (--node-field-selector)");
        }

        var outputs = new JsonObject();
        foreach (var text in args.All("--output-parameter"))
        {
            var pair = CliArguments.ParseParameter(text)!.Value;
            outputs[pair.Key] = Unquote(pair.Value);
        }

        var target = args.Positional[0];
        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var name = await client.ResolveAsync(target).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["nodeFieldSelector"] = args.Option("--node-field-selector"),
                ["message"] = args.Option("--message"),
                ["phase"] = args.Option("--phase"),
                ["outputParameters"] = outputs.Count == 0 ? null : outputs.ToJsonString(),
            };
            await client.ActionAsync(name, "set", body).ConfigureAwait(false);
            await stdout.WriteLineAsync("workflow values set").ConfigureAwait(false);
        }, name: target).ConfigureAwait(false);
    }

    /// <summary>Go's <c>strconv.Unquote</c> for the values people type: a double-quoted JSON-style string or a back-quoted one; anything else as given.</summary>
    public static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '`' && value[^1] == '`')
        {
            return value[1..^1];
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(value) ?? value;
            }
            catch (JsonException)
            {
                // Not a valid quoted string: argo keeps the text as typed.
            }
        }

        return value;
    }
}
