using System.Text;

namespace Durango.Core.Expressions;

/// <summary>
/// Argo's enhanced <c>depends</c> logic: task operands (<c>A</c>, <c>A.Succeeded</c>, <c>A.Failed</c>,
/// <c>A.Errored</c>, <c>A.Skipped</c>, <c>A.Omitted</c>, <c>A.Daemoned</c>, <c>A.AnySucceeded</c>,
/// <c>A.AllFailed</c>) joined by <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses. A bare <c>A</c> means
/// <c>A.Succeeded || A.Skipped || A.Daemoned</c>. Task names may hold hyphens, so operands are cut out
/// before the rest goes to the expression evaluator. Which operand holds is the engine's to say (it knows phases):
/// <see cref="Evaluate"/> asks it.
/// </summary>
public sealed record DependsExpression
{
    private static readonly Dictionary<string, DependsResult> Results = Enum.GetValues<DependsResult>()
        .Where(r => r != DependsResult.Default)
        .ToDictionary(r => r.ToString(), StringComparer.Ordinal);

    private readonly IReadOnlyList<(bool IsOperand, string Text, string? Task, DependsResult Result)> _tokens;

    private DependsExpression(IReadOnlyList<(bool, string, string?, DependsResult)> tokens, IReadOnlyList<string> tasks)
    {
        _tokens = tokens;
        Tasks = tasks;
    }

    /// <summary>The tasks the expression names, in order of first mention.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static DependsExpression? TryParse(string text, out string? error)
    {
        var tokens = new List<(bool, string, string?, DependsResult)>();
        var tasks = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '!')
            {
                tokens.Add((false, c.ToString(), null, DependsResult.Default));
                i++;
            }
            else if (c is '&' or '|' && i + 1 < text.Length && text[i + 1] == c)
            {
                tokens.Add((false, new string(c, 2), null, DependsResult.Default));
                i += 2;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.'))
                {
                    i++;
                }

                var operand = text[start..i];
                var dot = operand.LastIndexOf('.');
                var (task, name) = dot < 0 ? (operand, (string?)null) : (operand[..dot], operand[(dot + 1)..]);
                var result = DependsResult.Default;
                if (name is not null && !Results.TryGetValue(name, out result))
                {
                    error = $"'{operand}': unknown result '{name}'; use one of {string.Join(", ", Results.Keys)}";
                    return null;
                }

                if (!tasks.Contains(task))
                {
                    tasks.Add(task);
                }

                tokens.Add((true, operand, task, result));
            }
            else
            {
                error = $"unexpected '{c}' at position {i + 1}; depends allows task names, .Result, &&, ||, ! and ()";
                return null;
            }
        }

        var parsed = new DependsExpression(tokens, tasks);
        error = NCalcExpressionEvaluator.Instance.CheckSyntax(parsed.Substitute(_ => true), ExpressionDialect.Expr);
        return error is null ? parsed : null;
    }

    /// <summary>The expression for the old <c>dependencies</c> list: every task succeeded (or was skipped).</summary>
    public static DependsExpression FromDependencies(IReadOnlyList<string> dependencies) =>
        dependencies.Count == 0 ? new DependsExpression([], []) : TryParse(string.Join(" && ", dependencies), out _)!;

    /// <summary>
    /// Evaluates the logic, asking <paramref name="holds"/> whether each operand (a task of <see cref="Tasks"/> and
    /// what it asks of that task) is true.
    /// </summary>
    public bool Evaluate(Func<string, DependsResult, bool> holds)
    {
        if (_tokens.Count == 0)
        {
            return true;
        }

        var text = Substitute(token => holds(token.Task!, token.Result));
        return NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, new Dictionary<string, string>()).IsTrue;
    }

    private string Substitute(Func<(bool IsOperand, string Text, string? Task, DependsResult Result), bool> value)
    {
        var text = new StringBuilder();
        foreach (var token in _tokens)
        {
            text.Append(token.IsOperand ? (value(token) ? "true" : "false") : token.Text).Append(' ');
        }

        return text.ToString();
    }
}
