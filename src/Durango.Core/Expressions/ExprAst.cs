namespace Durango.Core.Expressions;

/// <summary>A node of a parsed expr-lang or govaluate expression.</summary>
internal abstract record ExprNode;

internal sealed record LiteralNode(object? Value) : ExprNode;

internal sealed record IdentifierNode(string Name) : ExprNode;

internal sealed record MemberNode(ExprNode Target, string Name) : ExprNode;

internal sealed record IndexNode(ExprNode Target, ExprNode Index) : ExprNode;

internal sealed record UnaryNode(string Operator, ExprNode Operand) : ExprNode;

internal sealed record BinaryNode(string Operator, ExprNode Left, ExprNode Right) : ExprNode;

internal sealed record ConditionalNode(ExprNode Condition, ExprNode WhenTrue, ExprNode WhenFalse) : ExprNode;

internal sealed record CallNode(string Function, IReadOnlyList<ExprNode> Arguments) : ExprNode;

internal sealed record ArrayNode(IReadOnlyList<ExprNode> Items) : ExprNode;

/// <summary>An expr-lang map literal such as <c>{avg: 1, max: 2}</c>.</summary>
internal sealed record ObjectNode(IReadOnlyList<KeyValuePair<string, ExprNode>> Entries) : ExprNode;

/// <summary>An expr-lang predicate such as <c>{# &gt; 1}</c>; <c>#</c> is the element.</summary>
internal sealed record ClosureNode(ExprNode Body) : ExprNode;
