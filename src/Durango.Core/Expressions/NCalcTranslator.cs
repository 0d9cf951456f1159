using System.Globalization;
using System.Text;

namespace Durango.Core.Expressions;

/// <summary>
/// Turns a parsed expression into NCalc text. Every value (string literals, resolved variables) becomes a
/// named NCalc parameter, so that no user text is ever spliced into the NCalc source; functions and
/// operators NCalc lacks become calls to <see cref="ExprFunctions"/>.
/// </summary>
internal sealed class NCalcTranslator
{
    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly ExpressionBudget _budget;
    private readonly StringBuilder _text = new();

    private NCalcTranslator(IReadOnlyDictionary<string, string> variables, ExpressionBudget budget)
    {
        _variables = variables;
        _budget = budget;
    }

    public Dictionary<string, object?> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Translates <paramref name="node"/>, which <see cref="ExprParser"/> has bounded in depth; closures it holds
    /// evaluate within <paramref name="budget"/>.
    /// </summary>
    public static (string Text, Dictionary<string, object?> Parameters) Translate(
        ExprNode node, IReadOnlyDictionary<string, string> variables, ExpressionBudget budget)
    {
        var translator = new NCalcTranslator(variables, budget);
        translator.Emit(node);
        return (translator._text.ToString(), translator.Parameters);
    }

    private void Emit(ExprNode node)
    {
        ExpressionBudget.EnsureStack();
        switch (node)
        {
            case LiteralNode { Value: long or double } number:
                _text.Append(Convert.ToString(number.Value, CultureInfo.InvariantCulture));
                break;
            case LiteralNode { Value: bool b }:
                _text.Append(b ? "true" : "false");
                break;
            case LiteralNode literal:
                Bind(literal.Value);
                break;
            case IdentifierNode { Name: "#" }:
                _text.Append('[').Append(ExprClosure.ElementParameter).Append(']');
                break;
            case MemberNode { Target: IdentifierNode { Name: "#" } } member:
                Call(ExprFunctions.NCalcName("member"), new IdentifierNode("#"), new LiteralNode(member.Name));
                break;
            case IdentifierNode or MemberNode or IndexNode when CollectPath(node, []):
                Bind(Resolve(node));
                break;
            case MemberNode member:
                // A field of a computed value (a call's result): looked up at run time.
                Call(ExprFunctions.NCalcName("index"), member.Target, new LiteralNode(member.Name));
                break;
            case IndexNode indexed:
                Call(ExprFunctions.NCalcName("index"), indexed.Target, indexed.Index);
                break;
            case ObjectNode map:
                Call(ExprFunctions.NCalcName("object"), [.. map.Entries.SelectMany(e => new[] { new LiteralNode(e.Key), e.Value })]);
                break;
            case ClosureNode closure:
                var (body, parameters) = Translate(closure.Body, _variables, _budget);
                Bind(new ExprClosure(body, parameters, _budget));
                break;
            case UnaryNode unary:
                _text.Append(unary.Operator).Append('(');
                Emit(unary.Operand);
                _text.Append(')');
                break;
            case BinaryNode binary:
                EmitBinary(binary);
                break;
            case ConditionalNode conditional:
                Call("if", conditional.Condition, conditional.WhenTrue, conditional.WhenFalse);
                break;
            case CallNode call:
                Call(ExprFunctions.NCalcName(call.Function), [.. call.Arguments]);
                break;
            case ArrayNode array:
                Call(ExprFunctions.ArrayFunction, [.. array.Items]);
                break;
            default:
                throw new ExpressionException("unsupported expression");
        }
    }

    private void EmitBinary(BinaryNode binary)
    {
        switch (binary.Operator)
        {
            case "==" or "!=" or "<" or ">" or "<=" or ">=" or "&&" or "||" or "+" or "-" or "*" or "/" or "%":
                _text.Append('(');
                Emit(binary.Left);
                _text.Append(' ').Append(binary.Operator).Append(' ');
                Emit(binary.Right);
                _text.Append(')');
                break;
            case "not in" or "!~":
                _text.Append("!(");
                Call(ExprFunctions.NCalcName(binary.Operator == "not in" ? "in" : "matches"), binary.Left, binary.Right);
                _text.Append(')');
                break;
            default:
                Call(ExprFunctions.NCalcName(binary.Operator), binary.Left, binary.Right);
                break;
        }
    }

    private void Call(string function, params ExprNode[] arguments)
    {
        _text.Append(function).Append('(');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(", ");
            }

            Emit(arguments[i]);
        }

        _text.Append(')');
    }

    private void Bind(object? value)
    {
        var name = $"p{Parameters.Count}";
        Parameters[name] = value;
        _text.Append('[').Append(name).Append(']');
    }

    private object? Resolve(ExprNode node)
    {
        var segments = new List<string>();
        if (!CollectPath(node, segments))
        {
            throw new ExpressionException("only variables (a.b, a[\"b\"]) can be indexed");
        }

        return VariableLookup.TryResolve(_variables, segments, _budget.Limits.ExpressionDepth, out var value) ? value : null;
    }

    private static bool CollectPath(ExprNode node, List<string> segments)
    {
        switch (node)
        {
            case IdentifierNode { Name: not "#" } id:
                segments.Add(id.Name);
                return true;
            case MemberNode member when CollectPath(member.Target, segments):
                segments.Add(member.Name);
                return true;
            case IndexNode { Index: LiteralNode { Value: string or long } index } indexed when CollectPath(indexed.Target, segments):
                segments.Add(Convert.ToString(index.Value, CultureInfo.InvariantCulture)!);
                return true;
            default:
                return false;
        }
    }
}
