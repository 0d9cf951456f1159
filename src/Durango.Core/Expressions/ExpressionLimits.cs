namespace Durango.Core.Expressions;

/// <summary>
/// The bounds every expression evaluation stays within, so that hostile input fails with a clear message instead of
/// exhausting memory, CPU or the stack. Hosts bind them from configuration section <c>Durango:Limits</c>
/// (<see cref="SettingPrefix"/>): each property is named as its setting, so <c>GetSection("Durango:Limits").Get&lt;ExpressionLimits&gt;()</c> binds them. Every limit is deterministic (sizes and counts, no
/// clocks), so an orchestration that evaluates an expression gets the same outcome on every replay.
/// </summary>
/// <remarks>Keep the values the same on every host that replays the same orchestrations.</remarks>
public sealed record ExpressionLimits
{
    /// <summary>The configuration section the limits are bound from.</summary>
    public const string SettingPrefix = "Durango:Limits";

    /// <summary>The default of <see cref="ExpressionDepth"/>.</summary>
    public const int DefaultDepth = 256;

    /// <summary>The limits Durango uses when configuration sets none.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>
    /// The longest string (in characters) or list (in elements) an expression, or any step of it, may produce:
    /// 1 MiB by default. Setting <c>Durango:Limits:ExpressionResultChars</c>.
    /// </summary>
    public int ExpressionResultChars { get; init; } = 1_048_576;

    /// <summary>
    /// The deepest an expression may nest (parentheses, operators, calls, member chains such as <c>1 + 1 + ...</c>),
    /// and the deepest a JSON value an expression reads may nest: 256 by default. Setting
    /// <c>Durango:Limits:ExpressionDepth</c>.
    /// </summary>
    public int ExpressionDepth { get; init; } = DefaultDepth;

    /// <summary>
    /// The most steps one evaluation may take (operators, function calls, one per element a predicate such as
    /// <c>filter</c> visits): 100,000 by default. Setting <c>Durango:Limits:ExpressionSteps</c>.
    /// </summary>
    public int ExpressionSteps { get; init; } = 100_000;

    /// <summary>The longest pattern <c>matches</c> / <c>=~</c> accepts: 1,000 characters by default. Setting <c>Durango:Limits:RegexPatternChars</c>.</summary>
    public int RegexPatternChars { get; init; } = 1_000;

    /// <summary>The longest text <c>matches</c> / <c>=~</c> tests: 65,536 characters by default. Setting <c>Durango:Limits:RegexInputChars</c>.</summary>
    public int RegexInputChars { get; init; } = 65_536;

    /// <summary>The name of a setting under <see cref="SettingPrefix"/>, as messages quote it.</summary>
    internal static string Setting(string name) => $"{SettingPrefix}:{name}";
}
