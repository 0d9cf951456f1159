using System.Text;

namespace Durango.Core.Expressions;

/// <summary>What a <c>depends</c> expression needs to know of a finished task.</summary>
/// <param name="Phase">The task's phase (<c>Succeeded</c>, <c>Failed</c>, <c>Error</c>, <c>Skipped</c>, <c>Omitted</c>).</param>
/// <param name="ChildPhases">For a loop task, the phases of its iterations.</param>
public sealed record DependsTaskState(string Phase, IReadOnlyList<string> ChildPhases);

/// <summary>
/// Argo's enhanced <c>depends</c> logic: task operands (<c>A</c>, <c>A.Succeeded</c>, <c>A.Failed</c>,
/// <c>A.Errored</c>, <c>A.Skipped</c>, <c>A.Omitted</c>, <c>A.Daemoned</c>, <c>A.AnySucceeded</c>,
/// <c>A.AllFailed</c>) joined by <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses. A bare <c>A</c> means
/// <c>A.Succeeded || A.Skipped || A.Daemoned</c>. Task names may hold hyphens, so operands are cut out
/// before the rest goes to the expression evaluator.
/// </summary>
public sealed record DependsExpression
{
    private static readonly HashSet<string> Results =
        ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"];

    private readonly IReadOnlyList<(bool IsOperand, string Text, string? Task, string? Result)> _tokens;

    private DependsExpression(IReadOnlyList<(bool, string, string?, string?)> tokens, IReadOnlyList<string> tasks)
    {
        _tokens = tokens;
        Tasks = tasks;
    }

    /// <summary>The tasks the expression names, in order of first mention.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static DependsExpression? TryParse(string text, out string? error)
    {
        var tokens = new List<(bool, string, string?, string?)>();
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
                tokens.Add((false, c.ToString(), null, null));
                i++;
            }
            else if (c is '&' or '|' && i + 1 < text.Length && text[i + 1] == c)
            {
                tokens.Add((false, new string(c, 2), null, null));
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
                var (task, result) = dot < 0 ? (operand, (string?)null) : (operand[..dot], operand[(dot + 1)..]);
                if (result is not null && !Results.Contains(result))
                {
                    error = $"'{operand}': unknown result '{result}'; use one of {string.Join(", ", Results)}";
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

    /// <summary>Evaluates against finished tasks; every task in <see cref="Tasks"/> must be in <paramref name="states"/>.</summary>
    public bool Evaluate(IReadOnlyDictionary<string, DependsTaskState> states)
    {
        if (_tokens.Count == 0)
        {
            return true;
        }

        var text = Substitute(token => Holds(states[token.Task!], token.Result));
        return NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, new Dictionary<string, string>()).IsTrue;
    }

    private string Substitute(Func<(bool IsOperand, string Text, string? Task, string? Result), bool> value)
    {
        var text = new StringBuilder();
        foreach (var token in _tokens)
        {
            text.Append(token.IsOperand ? (value(token) ? "true" : "false") : token.Text).Append(' ');
        }

        return text.ToString();
    }

    private static bool Holds(DependsTaskState state, string? result) => result switch
    {
        null => state.Phase is "Succeeded" or "Skipped",
        "Succeeded" => state.Phase == "Succeeded",
        "Failed" => state.Phase == "Failed",
        "Errored" => state.Phase == "Error",
        "Skipped" => state.Phase == "Skipped",
        "Omitted" => state.Phase == "Omitted",
        "Daemoned" => false,
        "AnySucceeded" => state.ChildPhases.Any(p => p == "Succeeded"),
        "AllFailed" => state.ChildPhases.Count > 0 && state.ChildPhases.All(p => p == "Failed"),
        _ => false,
    };
}
