using System.Text.RegularExpressions;

namespace Durango.Core.Expressions;

/// <summary>
/// <c>matches</c> and <c>=~</c>, deterministically. Patterns run on .NET's non-backtracking engine, whose time is
/// linear in the input, so no wall-clock timeout decides a result and an orchestration replays to the same answer.
/// Constructs that engine lacks (backreferences, lookarounds, atomic groups) are rejected; Argo's Go regexp (RE2)
/// rejects them too. Pattern and input sizes are bounded by <see cref="ExpressionLimits"/>.
/// </summary>
internal static class ExprRegex
{
    public static bool IsMatch(string input, string pattern, ExpressionLimits limits)
    {
        if (pattern.Length > limits.RegexPatternChars)
        {
            throw new ExpressionException(
                $"the regular expression is {pattern.Length} characters, over the limit of {limits.RegexPatternChars} ({ExpressionLimits.Setting("RegexPatternChars")})");
        }

        if (input.Length > limits.RegexInputChars)
        {
            throw new ExpressionException(
                $"the text to match is {input.Length} characters, over the limit of {limits.RegexInputChars} ({ExpressionLimits.Setting("RegexInputChars")})");
        }

        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException e)
        {
            throw new ExpressionException(
                $"the regular expression '{pattern}' is not supported: {e.Message} (as in Argo, whose Go regexp has no backreferences or lookarounds)");
        }
    }
}
