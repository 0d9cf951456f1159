namespace Durango.Core.Expressions;

/// <summary>
/// The value of an output parameter of a node that never ran (Skipped or Omitted) and whose template declares no
/// <c>valueFrom.default</c>: Argo's "absent optional". A simple tag that resolves to it is an error, an expression
/// sees nil (so <c>?? "fallback"</c> works), and an argument that is only a reference to it is dropped so the
/// consumer's input default applies (upstream util/template/simple_template.go, workflow/controller/scope.go).
/// </summary>
public static class AbsentOptional
{
    /// <summary>
    /// The marker stored in a scope. It begins with a NUL, which no YAML scalar Argo reads or step writes as a
    /// parameter holds, so it cannot collide with a real value.
    /// </summary>
    public const string Value = "\u0000absent-optional";

    /// <summary>True when <paramref name="value"/> is the marker.</summary>
    public static bool Is(string? value) => string.Equals(value, Value, StringComparison.Ordinal);

    /// <summary>Why a simple tag that resolves to the marker cannot be substituted.</summary>
    public static string SubstitutionError(string tag) =>
        $"unable to substitute {{{{{tag}}}}}: output is an absent optional (skipped/omitted node with no default)";

    /// <summary>Why an input whose argument was dropped has no value.</summary>
    public static string ArgumentError(string input) =>
        $"inputs.parameters.{input}: argument references an absent optional (skipped/omitted node output with no default)";

    /// <summary>
    /// The variable <paramref name="text"/> names when it is exactly one simple tag (<c>{{tasks.a.outputs.parameters.x}}</c>),
    /// else null: only such a pure reference is dropped; <c>x-{{ref}}</c> still fails to substitute.
    /// </summary>
    public static string? PureReference(string text)
    {
        if (!text.StartsWith("{{", StringComparison.Ordinal) || !text.EndsWith("}}", StringComparison.Ordinal) || text.Length < 4)
        {
            return null;
        }

        var key = text[2..^2].Trim();
        return key.Length == 0 || key.StartsWith('=') || key.Contains("{{", StringComparison.Ordinal) || key.Contains("}}", StringComparison.Ordinal)
            ? null : key;
    }
}
