namespace Durango.Core.Expressions;

/// <summary>
/// A translated expr-lang predicate (<c>{# &gt; 1}</c>), passed as a value to <c>filter</c>, <c>map</c>,
/// <c>all</c>, <c>any</c>, <c>none</c> and <c>count</c>, which run it once per element, each run a step of the
/// evaluation's budget.
/// </summary>
internal sealed class ExprClosure(string text, IReadOnlyDictionary<string, object?> parameters, ExpressionBudget budget)
{
    public const string ElementParameter = "it";

    public object? Invoke(object? element)
    {
        budget.Step();
        return NCalcRunner.Run(text, new Dictionary<string, object?>(parameters) { [ElementParameter] = element }, budget);
    }
}
