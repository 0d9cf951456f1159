using NCalc;

namespace Durango.Core.Expressions;

/// <summary>Runs translated NCalc text with its bound parameters and Durango's functions.</summary>
internal static class NCalcRunner
{
    public static object? Run(string text, IReadOnlyDictionary<string, object?> parameters)
    {
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
        return Normalize(ncalc.Evaluate());
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
