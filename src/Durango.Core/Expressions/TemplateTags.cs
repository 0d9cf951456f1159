using System.Text;

namespace Durango.Core.Expressions;

/// <summary>A <c>{{...}}</c> tag found in a text.</summary>
/// <param name="Content">The text between the braces, trimmed (without the leading <c>=</c> of an expression tag).</param>
/// <param name="IsExpression">True for <c>{{= expr }}</c>.</param>
public sealed record TemplateTag(string Content, bool IsExpression);

/// <summary>The text after substitution, and the tags that could not be resolved.</summary>
public sealed record SubstitutionResult(string Text, IReadOnlyList<string> Unresolved, IReadOnlyList<string> Errors)
{
    /// <summary>True when every tag resolved.</summary>
    public bool Complete => Unresolved.Count == 0 && Errors.Count == 0;
}

/// <summary>
/// Argo's <c>{{tag}}</c> substitution, with its tokenizer's rules: a tag runs from <c>{{</c> to the next
/// <c>}}</c>; an unknown simple tag is left as written (a later scope may resolve it); <c>{{= expr }}</c> is
/// evaluated with expr-lang over the same variables.
/// </summary>
public static class TemplateTags
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>Every tag in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<TemplateTag> Scan(string text)
    {
        var position = 0;
        while (Next(text, position) is var (start, end) && start >= 0)
        {
            yield return Parse(text[(start + Open.Length)..end]);
            position = end + Close.Length;
        }
    }

    /// <summary>Replaces the tags of <paramref name="text"/> from <paramref name="variables"/>.</summary>
    public static SubstitutionResult Substitute(
        string text, IReadOnlyDictionary<string, string> variables, IExpressionEvaluator? evaluator = null)
    {
        if (!text.Contains(Open, StringComparison.Ordinal))
        {
            return new SubstitutionResult(text, [], []);
        }

        evaluator ??= NCalcExpressionEvaluator.Instance;
        var output = new StringBuilder(text.Length);
        var unresolved = new List<string>();
        var errors = new List<string>();
        var position = 0;
        while (Next(text, position) is var (start, end) && start >= 0)
        {
            output.Append(text, position, start - position);
            var raw = text[(start + Open.Length)..end];
            var tag = Parse(raw);
            if (tag.IsExpression)
            {
                var result = evaluator.Evaluate(tag.Content, ExpressionDialect.Expr, variables);
                if (result.Succeeded)
                {
                    output.Append(result.Text);
                }
                else
                {
                    errors.Add(result.Error!);
                    output.Append(Open).Append(raw).Append(Close);
                }
            }
            else if (variables.TryGetValue(tag.Content, out var value))
            {
                if (AbsentOptional.Is(value))
                {
                    errors.Add(AbsentOptional.SubstitutionError(tag.Content));
                    output.Append(Open).Append(raw).Append(Close);
                }
                else
                {
                    output.Append(value);
                }
            }
            else
            {
                unresolved.Add(tag.Content);
                output.Append(Open).Append(raw).Append(Close);
            }

            position = end + Close.Length;
        }

        output.Append(text, position, text.Length - position);
        return new SubstitutionResult(output.ToString(), unresolved, errors);
    }

    /// <summary>
    /// <paramref name="text"/> with every tag replaced by <paramref name="replacement"/>, in one linear pass (a lazy
    /// <c>\{\{.*?\}\}</c> regex takes quadratic time on many unclosed <c>{{</c>).
    /// </summary>
    internal static string Replace(string text, string replacement)
    {
        var output = new StringBuilder(text.Length);
        var position = 0;
        while (Next(text, position) is var (start, end) && start >= 0)
        {
            output.Append(text, position, start - position).Append(replacement);
            position = end + Close.Length;
        }

        return output.Append(text, position, text.Length - position).ToString();
    }

    private static (int Start, int End) Next(string text, int position)
    {
        var start = text.IndexOf(Open, position, StringComparison.Ordinal);
        if (start < 0)
        {
            return (-1, -1);
        }

        var end = text.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
        return end < 0 ? (-1, -1) : (start, end);
    }

    private static TemplateTag Parse(string raw)
    {
        var content = raw.Trim();
        return content.StartsWith('=') ? new TemplateTag(content[1..].Trim(), true) : new TemplateTag(content, false);
    }
}
