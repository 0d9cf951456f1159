namespace Durango.Core.Expressions;

/// <summary>An expression that cannot be parsed or evaluated; never escapes the evaluator's public API.</summary>
internal sealed class ExpressionException(string message) : Exception(message);
