using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>One iteration of a loop: the variables it adds (<c>item</c>, <c>item.key</c>) and its node-name label.</summary>
public sealed record LoopItem(int Index, IReadOnlyDictionary<string, string> Variables, string Label)
{
    /// <summary>The node name of this iteration: Argo's <c>name(index:label)</c>.</summary>
    public string NodeName(string name) => $"{name}({Index.ToString(CultureInfo.InvariantCulture)}:{Label})";

    /// <summary>The scope this iteration runs in: <paramref name="scope"/> with its variables added (a copy).</summary>
    public Dictionary<string, string> Scope(IReadOnlyDictionary<string, string> scope)
    {
        var itemScope = new Dictionary<string, string>(scope, StringComparer.Ordinal);
        foreach (var (key, value) in Variables)
        {
            itemScope[key] = value;
        }

        return itemScope;
    }
}

/// <summary>The items of a loop, or why they could not be computed.</summary>
/// <param name="Items">The iterations, in order.</param>
/// <param name="Error">Why there are none, if the loop is wrong.</param>
/// <param name="OverLimit">True when <paramref name="Error"/> is a <see cref="WorkflowLimits"/> breach, which fails the whole workflow.</param>
public sealed record LoopExpansion(IReadOnlyList<LoopItem> Items, string? Error, bool OverLimit = false);

/// <summary>Argo's <c>withItems</c>, <c>withParam</c> and <c>withSequence</c>: one iteration per item, in order.</summary>
public static class LoopItems
{
    /// <summary>A loop's phase from its iterations': Failed when any failed or errored, else Succeeded.</summary>
    public static NodePhase Phase(IEnumerable<NodePhase> iterations) =>
        iterations.Any(p => p.FailedOrError()) ? NodePhase.Failed : NodePhase.Succeeded;

    /// <summary>
    /// The message of the one Skipped node a loop that expands to nothing leaves (upstream steps.go and dag.go).
    /// </summary>
    public const string EmptyParamsMessage = "Skipped, empty params";

    /// <summary>
    /// Expands the loop of <paramref name="invocation"/> with <paramref name="variables"/> in scope. The number of
    /// items is checked against <paramref name="limits"/> before any item is made.
    /// </summary>
    public static LoopExpansion Expand(TemplateInvocation invocation, IReadOnlyDictionary<string, string> variables, WorkflowLimits? limits = null)
    {
        limits ??= new WorkflowLimits();
        if (invocation.WithItems is { } items)
        {
            return limits.CheckLoop("withItems", items.Count) is { } over
                ? new LoopExpansion([], over, OverLimit: true)
                : new LoopExpansion(items.Select((item, i) => FromJson(i, Substituted(item, variables))).ToList(), null);
        }

        if (invocation.WithParam is { } param)
        {
            var substituted = TemplateTags.Substitute(param, variables);
            return substituted.Errors.Count > 0 ? new LoopExpansion([], substituted.Errors[0]) : FromParam(substituted.Text, limits);
        }

        return invocation.WithSequence is { } sequence ? FromSequence(sequence, variables, limits) : new LoopExpansion([], null);
    }

    private static JsonNode? Substituted(JsonNode? item, IReadOnlyDictionary<string, string> variables) => item switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(TemplateTags.Substitute(value.GetValue<string>(), variables).Text),
        _ => item,
    };

    private static LoopExpansion FromParam(string json, WorkflowLimits limits)
    {
        JsonNode? parsed;
        try
        {
            if (limits.CheckLoop("withParam", TopLevelItems(json)) is { } over)
            {
                return new LoopExpansion([], over, OverLimit: true);
            }

            parsed = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return new LoopExpansion([], $"withParam value is not a JSON list: {e.Message} (value: '{Shorten(json)}')");
        }

        return parsed is JsonArray array
            ? new LoopExpansion(array.Select((item, i) => FromJson(i, item)).ToList(), null)
            : new LoopExpansion([], $"withParam value must be a JSON list, not '{Shorten(json)}'");
    }

    /// <summary>How many elements the top-level JSON array <paramref name="json"/> has, counted without building them (0 if not an array).</summary>
    private static long TopLevelItems(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 1024 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return 0;
        }

        long count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }

        return count;
    }

    private static LoopExpansion FromSequence(Sequence sequence, IReadOnlyDictionary<string, string> variables, WorkflowLimits limits)
    {
        long? Number(string? text) => text is null ? null
            : long.TryParse(TemplateTags.Substitute(text, variables).Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;

        var count = Number(sequence.Count);
        var start = Number(sequence.Start) ?? 0;
        var end = Number(sequence.End);
        if (count == long.MinValue || start == long.MinValue || end == long.MinValue || (count is null && end is null))
        {
            return new LoopExpansion([], "withSequence needs a whole-number count, or start and end");
        }

        // Counted before any item is made: a sequence of millions must not be built to be refused.
        var size = count is { } c ? Math.Max(c, 0) : (long)Math.Min(Math.Abs((decimal)end!.Value - start) + 1, long.MaxValue);
        if (limits.CheckLoop("withSequence", size) is { } over)
        {
            return new LoopExpansion([], over, OverLimit: true);
        }

        var values = size == 0 ? [] : count is not null ? LongRange(start, start + size - 1) : LongRange(start, end!.Value);
        return new LoopExpansion(values.Select((v, i) => Scalar(i, GoPrintf.Format(sequence.Format, v))).ToList(), null);
    }

    private static List<long> LongRange(long from, long to)
    {
        var list = new List<long>();
        var step = from <= to ? 1 : -1;
        for (var v = from; ; v += step)
        {
            list.Add(v);
            if (v == to)
            {
                break;
            }
        }

        return list;
    }

    private static LoopItem FromJson(int index, JsonNode? item)
    {
        switch (item)
        {
            case JsonObject map:
                var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["item"] = map.ToJsonString() };
                foreach (var (key, value) in map)
                {
                    variables[$"item.{key}"] = Text(value);
                }

                var label = string.Join(',', map.Select(p => $"{p.Key}:{Text(p.Value)}").Order(StringComparer.Ordinal));
                return new LoopItem(index, variables, label);
            case JsonArray list:
                return new LoopItem(index, new Dictionary<string, string> { ["item"] = list.ToJsonString() }, list.ToJsonString());
            default:
                return Scalar(index, Text(item));
        }
    }

    private static LoopItem Scalar(int index, string text) =>
        new(index, new Dictionary<string, string> { ["item"] = text }, text);

    /// <summary>A JSON value as Argo substitutes it: strings bare, everything else as JSON.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
