using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// <c>memoize</c>: a literal key must be a valid cache key (letters, digits, dashes: upstream's <c>cacheKeyRegex</c>),
/// and <c>maxAge</c> a duration. Upstream finds both only when the node runs (<c>operator.go</c>, "invalid cache key",
/// "invalid maxAge"); lint reports them at their line.
/// </summary>
internal sealed class MemoizeRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        foreach (var template in context.Spec.Templates)
        {
            if (template.Memoize is not { } memoize)
            {
                continue;
            }

            var path = $"{context.TemplatePath(template)}.memoize";
            if (memoize.Key.Length > 0 && !memoize.Key.Contains("{{", StringComparison.Ordinal) && !Memoize.IsValidKey(memoize.Key))
            {
                context.Error(DiagnosticCodes.BadValue, $"{path}.key",
                    $"invalid cache key '{memoize.Key}': use letters, digits and '-', starting with a letter or digit");
            }

            if (memoize.MaxAge is { } maxAge && !maxAge.Contains("{{", StringComparison.Ordinal) && !ArgoDuration.TryParse(maxAge, out _))
            {
                context.Error(DiagnosticCodes.BadValue, $"{path}.maxAge",
                    $"maxAge '{maxAge}' is not a duration; write a Go duration such as 180s or 24h");
            }
        }
    }
}
