using NCalc;
using NCalc.Exceptions;

namespace Durango.Core.Expressions;

/// <summary>
/// The one expression evaluator: parses either dialect, translates it to NCalc text with every value bound as
/// a parameter, and lets NCalc evaluate. Nothing reaches .NET beyond the functions in <see cref="ExprFunctions"/>.
/// </summary>
public sealed class NCalcExpressionEvaluator : IExpressionEvaluator
{
    /// <summary>A shared instance; the evaluator holds no state.</summary>
    public static readonly NCalcExpressionEvaluator Instance = new();

    /// <inheritdoc/>
    public ExpressionResult Evaluate(string expression, ExpressionDialect dialect, IReadOnlyDictionary<string, string> variables)
    {
        try
        {
            var tree = ExprParser.Parse(expression, dialect == ExpressionDialect.Govaluate);
            var (text, parameters) = NCalcTranslator.Translate(tree, variables);
            var ncalc = new Expression(text, ExpressionOptions.NoCache | ExpressionOptions.AllowNullParameter);
            foreach (var (name, value) in parameters)
            {
                ncalc.Parameters[name] = value;
            }

            ncalc.EvaluateFunction += (name, args) =>
            {
                if (ExprFunctions.IsOwn(name))
                {
                    args.Result = ExprFunctions.Invoke(name, Enumerable.Range(0, args.Parameters.Count).Select(args.Parameters.Evaluate).ToArray());
                }
            };
            return ExpressionResult.Ok(Normalize(ncalc.Evaluate()));
        }
        catch (ExpressionException e)
        {
            return ExpressionResult.Fail($"{e.Message} in '{expression}'");
        }
        catch (Exception e) when (e is NCalcException or InvalidOperationException or FormatException
            or InvalidCastException or ArgumentException or OverflowException or DivideByZeroException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException)
        {
            return ExpressionResult.Fail($"cannot evaluate '{expression}': {e.Message}");
        }
    }

    /// <inheritdoc/>
    public string? CheckSyntax(string expression, ExpressionDialect dialect)
    {
        try
        {
            var tree = ExprParser.Parse(expression, dialect == ExpressionDialect.Govaluate);
            NCalcTranslator.Translate(tree, new Dictionary<string, string>());
            return null;
        }
        catch (ExpressionException e)
        {
            return e.Message;
        }
    }

    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        decimal m when m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue => (long)m,
        decimal m => (double)m,
        float f => (double)f,
        _ => value,
    };
}
