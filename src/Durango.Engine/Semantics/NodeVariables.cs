using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Core.Expressions;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>What a finished step or task contributes to its siblings' scope.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Phase">The node's phase.</param>
/// <param name="Outputs">The node's outputs.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="PodIp">Its address where the runtime gave one (a daemon's container); else loopback.</param>
public sealed record FinishedNode(string NodeId, NodePhase Phase, NodeOutputs? Outputs, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? PodIp = null);

/// <summary>
/// Argo's <c>steps.NAME.*</c> and <c>tasks.NAME.*</c> variables: id, status, times, exit code, result and output
/// parameters; for a loop, the outputs of its succeeded iterations aggregated into JSON lists, in item order.
/// </summary>
public static class NodeVariables
{
    /// <summary>Adds the variables of one finished node under <paramref name="prefix"/> (<c>steps.hello</c>).</summary>
    public static void Add(IDictionary<string, string> scope, string prefix, FinishedNode node)
    {
        scope[$"{prefix}.id"] = node.NodeId;
        scope[$"{prefix}.status"] = node.Phase.ToString();
        // The process runtime shares the host's network; a docker or aci daemon has its container's address.
        scope[$"{prefix}.ip"] = node.PodIp ?? "127.0.0.1";
        if (node.StartedAt is { } started)
        {
            scope[$"{prefix}.startedAt"] = Globals.Rfc3339(started);
        }

        if (node.FinishedAt is { } finished)
        {
            scope[$"{prefix}.finishedAt"] = Globals.Rfc3339(finished);
        }

        if (node.Outputs is not { } outputs)
        {
            return;
        }

        if (outputs.ExitCode is { } exitCode)
        {
            scope[$"{prefix}.exitCode"] = exitCode;
        }

        if (outputs.Result is { } result)
        {
            scope[$"{prefix}.outputs.result"] = result;
        }

        foreach (var parameter in outputs.Parameters)
        {
            scope[$"{prefix}.outputs.parameters.{parameter.Name}"] = parameter.Value ?? string.Empty;
        }

        foreach (var (key, value) in ArtifactRules.NodeVariables(prefix, outputs.Artifacts))
        {
            scope[key] = value;
        }

        if (outputs.Parameters.Count > 0)
        {
            scope[$"{prefix}.outputs.parameters"] = JsonSerializer.Serialize(outputs.Parameters
                .Where(p => !AbsentOptional.Is(p.Value)).ToDictionary(p => p.Name, p => p.Value));
        }
    }

    /// <summary>Adds a loop's variables: its phase and id, and the aggregated outputs of its iterations.</summary>
    public static void AddAggregate(IDictionary<string, string> scope, string prefix, FinishedNode loop, IReadOnlyList<FinishedNode> iterations)
    {
        Add(scope, prefix, loop with { Outputs = null });
        var succeeded = iterations.Where(i => i.Phase == NodePhase.Succeeded && i.Outputs is not null).ToList();
        var results = new JsonArray(succeeded.Where(i => i.Outputs!.Result is not null).Select(i => ResultItem(i.Outputs!.Result!)).ToArray());
        scope[$"{prefix}.outputs.result"] = results.ToJsonString();

        var withParameters = succeeded.Where(i => i.Outputs!.Parameters.Count > 0).ToList();
        scope[$"{prefix}.outputs.parameters"] = JsonSerializer.Serialize(
            withParameters.Select(i => i.Outputs!.Parameters.ToDictionary(p => p.Name, p => p.Value)));
        foreach (var name in withParameters.SelectMany(i => i.Outputs!.Parameters.Select(p => p.Name)).Distinct(StringComparer.Ordinal))
        {
            scope[$"{prefix}.outputs.parameters.{name}"] = JsonSerializer.Serialize(
                withParameters.Select(i => i.Outputs!.Parameter(name)).Where(v => v is not null));
        }
    }

    /// <summary>A result as an element of the aggregated list: parsed when it is JSON (a number, an object), else text.</summary>
    private static JsonNode? ResultItem(string result)
    {
        // Text that cannot open a JSON value (an empty result, a word) is not handed to the parser, which would throw.
        var start = result.AsSpan().TrimStart();
        if (start.IsEmpty || "{[\"-0123456789tfn".IndexOf(start[0]) < 0)
        {
            return JsonValue.Create(result);
        }

        try
        {
            return JsonNode.Parse(result);
        }
        catch (JsonException)
        {
            return JsonValue.Create(result);
        }
    }
}
