using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Which <c>steps.NAME.*</c> variables a steps template can still read. Argo resolves a step's variables by its name
/// written in the template (<c>{{steps.NAME.outputs.result}}</c>, <c>steps['NAME'].status</c> in an expression;
/// upstream <c>workflow/controller/scope.go</c> looks names up, it never lists them), so a finished step that no text
/// of the template names can never be read again. A long chain carries only the named ones when it continues as new,
/// and its scope stops growing with its length.
/// </summary>
public static partial class StepReferences
{
    /// <summary>
    /// <paramref name="scope"/> without the variables of steps that <paramref name="template"/> never names. When the
    /// template indexes <c>steps</c> with something other than a literal name, everything is kept.
    /// </summary>
    public static Dictionary<string, string> Retained(Template template, IReadOnlyDictionary<string, string> scope)
    {
        var named = Named(template);
        return scope.Where(v => named is null || !v.Key.StartsWith("steps.", StringComparison.Ordinal) || IsNamed(v.Key, named))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The step names <paramref name="template"/>'s text names after <c>steps</c>; null when it cannot tell. Found once
    /// per template object (templates are immutable).
    /// </summary>
    public static IReadOnlySet<string>? Named(Template template) => Found.GetValue(template, t => new Names(Find(t))).Set;

    /// <summary>Whether variable <paramref name="key"/> (<c>steps.a.outputs.result</c>) belongs to a step in <paramref name="named"/>; a name may hold dots.</summary>
    private static bool IsNamed(string key, IReadOnlySet<string> named)
    {
        for (var dot = key.IndexOf('.', "steps.".Length); dot > 0; dot = key.IndexOf('.', dot + 1))
        {
            if (named.Contains(key["steps.".Length..dot]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly ConditionalWeakTable<Template, Names> Found = new();

    private sealed record Names(IReadOnlySet<string>? Set);

    private static HashSet<string>? Find(Template template) => NamesIn(template, Reference(), DynamicIndex());

    /// <summary>
    /// The names <paramref name="reference"/> finds in every text of <paramref name="spec"/> (its <c>dot</c> or <c>index</c>
    /// group); null when <paramref name="dynamic"/> matches a text, a reference whose name cannot be read from it.
    /// </summary>
    internal static HashSet<string>? NamesIn<T>(T spec, Regex reference, Regex dynamic)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Texts(JsonSerializer.SerializeToNode(spec)))
        {
            if (dynamic.IsMatch(text))
            {
                return null;
            }

            foreach (Match match in reference.Matches(text))
            {
                names.Add(match.Groups["dot"].Success ? match.Groups["dot"].Value : match.Groups["index"].Value);
            }
        }

        return names;
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Texts(p.Value)),
        JsonArray array => array.SelectMany(Texts),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex("""\bsteps(?:\.(?<dot>[A-Za-z0-9_-]+)|\[\s*["'](?<index>[^"']+)["']\s*\])""")]
    private static partial Regex Reference();

    [GeneratedRegex("""\bsteps\[\s*[^\s"']""")]
    private static partial Regex DynamicIndex();
}
