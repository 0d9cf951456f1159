namespace Durango.Core.Expressions;

/// <summary>
/// The nesting depth of a parsed expression, measured without recursion. The parser builds chains such as
/// <c>1 + 1 + ...</c> or <c>a.b.c...</c> in a loop, so a short text can make a tree far deeper than its parentheses;
/// everything after the parser walks the tree recursively, so the depth is checked here first.
/// </summary>
internal static class ExprDepth
{
    /// <summary>
    /// Fails with the depth limit's message when <paramref name="root"/> nests deeper than <paramref name="limits"/>
    /// allows; returns how many nodes the tree has.
    /// </summary>
    public static int Ensure(ExprNode root, ExpressionLimits limits)
    {
        var nodes = 0;
        var pending = new Stack<(ExprNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            nodes++;
            if (depth > limits.ExpressionDepth)
            {
                throw ExpressionBudget.TooDeep(limits);
            }

            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return nodes;
    }

    private static IEnumerable<ExprNode> Children(ExprNode node) => node switch
    {
        MemberNode member => [member.Target],
        IndexNode index => [index.Target, index.Index],
        UnaryNode unary => [unary.Operand],
        BinaryNode binary => [binary.Left, binary.Right],
        ConditionalNode conditional => [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse],
        CallNode call => call.Arguments,
        ArrayNode array => array.Items,
        ObjectNode map => map.Entries.Select(e => e.Value),
        ClosureNode closure => [closure.Body],
        _ => [],
    };
}
