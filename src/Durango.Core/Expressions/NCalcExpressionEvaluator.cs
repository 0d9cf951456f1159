using Durango.Core.Diagnostics;
using NCalc.Exceptions;

namespace Durango.Core.Expressions;

/// <summary>
/// The one expression evaluator: parses either dialect, translates it to NCalc text with every value bound as
/// a parameter, and lets NCalc evaluate. Nothing reaches .NET beyond the functions in <see cref="ExprFunctions"/>.
/// </summary>
/// <remarks>
/// Every evaluation stays within <see cref="Limits"/> (depth, steps, result size, regex sizes); going over one is a
/// failed <see cref="ExpressionResult"/> naming the limit, never an exception or a stack overflow.
/// </remarks>
public sealed class NCalcExpressionEvaluator : IExpressionEvaluator
{
    /// <summary>A shared instance with <see cref="ExpressionLimits.Default"/>; the evaluator holds no state.</summary>
    public static readonly NCalcExpressionEvaluator Instance = new(ExpressionLimits.Default);

    /// <summary>An evaluator bounded by <paramref name="limits"/> (hosts bind them from <c>Durango:Limits</c>).</summary>
    public NCalcExpressionEvaluator(ExpressionLimits limits) => Limits = limits;

    /// <summary>The limits every evaluation stays within.</summary>
    public ExpressionLimits Limits { get; }

    /// <inheritdoc/>
    public ExpressionResult Evaluate(string expression, ExpressionDialect dialect, IReadOnlyDictionary<string, string> variables)
    {
        try
        {
            var budget = new ExpressionBudget(Limits);
            var tree = ExprParser.Parse(expression, dialect == ExpressionDialect.Govaluate, Limits);
            var (text, parameters) = NCalcTranslator.Translate(tree, variables, budget);
            return ExpressionResult.Ok(NCalcRunner.Run(text, parameters, budget));
        }
        catch (ExpressionException e)
        {
            return ExpressionResult.Fail($"{e.Message} in '{Excerpt.Of(expression)}'");
        }
        catch (Exception e) when (e is NCalcException or InvalidOperationException or FormatException
            or InvalidCastException or ArgumentException or OverflowException or DivideByZeroException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException)
        {
            return ExpressionResult.Fail($"cannot evaluate '{Excerpt.Of(expression)}': {e.Message}");
        }
    }

    /// <inheritdoc/>
    public string? CheckSyntax(string expression, ExpressionDialect dialect)
    {
        try
        {
            var tree = ExprParser.Parse(expression, dialect == ExpressionDialect.Govaluate, Limits);
            NCalcTranslator.Translate(tree, new Dictionary<string, string>(), new ExpressionBudget(Limits));
            return null;
        }
        catch (ExpressionException e)
        {
            return e.Message;
        }
    }
}
