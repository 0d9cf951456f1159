namespace Durango.Core.Expressions;

/// <summary>The outcome of evaluating an expression: a value, or an error that says what is wrong.</summary>
public sealed record ExpressionResult(object? Value, string? Error)
{
    /// <summary>True when evaluation succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>True when evaluation succeeded with the boolean true (or the text "true").</summary>
    public bool IsTrue => Succeeded && Value switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var b) && b,
        _ => false,
    };

    /// <summary>The value formatted as Argo prints it into a template.</summary>
    public string Text => ValueFormatter.Format(Value);

    internal static ExpressionResult Ok(object? value) => new(value, null);

    internal static ExpressionResult Fail(string error) => new(null, error);
}

/// <summary>Which of Argo's expression languages a text is written in.</summary>
public enum ExpressionDialect
{
    /// <summary>expr-lang: <c>expression:</c>, hooks, <c>{{= }}</c>, <c>successCondition</c>, retry expressions.</summary>
    Expr,

    /// <summary>govaluate, after <c>{{}}</c> substitution: <c>when:</c>. Bare words are strings.</summary>
    Govaluate,
}
