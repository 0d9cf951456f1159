namespace Durango.Core.Expressions;

/// <summary>Runs translated NCalc text with its bound parameters and Durango's functions, within a budget.</summary>
internal static class NCalcRunner
{
    public static object? Run(string text, IReadOnlyDictionary<string, object?> parameters, ExpressionBudget budget)
    {
        var ncalc = new BudgetedExpression(text, budget);
        foreach (var (name, value) in parameters)
        {
            ncalc.Parameters[name] = value;
        }

        ncalc.EvaluateFunction += (name, args) =>
        {
            if (ExprFunctions.IsOwn(name))
            {
                var arguments = Enumerable.Range(0, args.Parameters.Count).Select(args.Parameters.Evaluate).ToArray();
                args.Result = budget.Checked(ExprFunctions.Invoke(name, arguments, budget));
            }
        };
        return budget.Checked(Normalize(ncalc.Evaluate()));
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
