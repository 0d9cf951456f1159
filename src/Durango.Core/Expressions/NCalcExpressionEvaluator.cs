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
            return ExpressionResult.Ok(NCalcRunner.Run(text, parameters));
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
}
