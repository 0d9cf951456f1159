namespace Durango.Core.Expressions;

/// <summary>
/// A precedence-climbing parser shared by both dialects. In govaluate mode (Argo's <c>when</c>) bare words are
/// strings, as Argo turns govaluate variables into strings so that <c>heads == heads</c> needs no quotes.
/// </summary>
internal sealed class ExprParser
{
    private static readonly HashSet<string> WordOperators = ["and", "or", "not", "in", "matches", "contains", "startsWith", "endsWith"];
    private readonly List<Token> _tokens;
    private readonly bool _bareWordsAreStrings;
    private readonly ExpressionLimits _limits;
    private int _position;
    private int _depth;

    private ExprParser(List<Token> tokens, bool bareWordsAreStrings, ExpressionLimits limits)
    {
        _tokens = tokens;
        _bareWordsAreStrings = bareWordsAreStrings;
        _limits = limits;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. The result nests no deeper than <see cref="ExpressionLimits.ExpressionDepth"/>: the
    /// parser's own recursion is counted, and chains it builds in loops (<c>1 + 1 + ...</c>) are measured after.
    /// </summary>
    public static ExprNode Parse(string text, bool bareWordsAreStrings, ExpressionLimits limits)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpressionException("the expression is empty");
        }

        var parser = new ExprParser(ExprLexer.Tokenize(text), bareWordsAreStrings, limits);
        var node = parser.ParseConditional();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ExpressionException($"unexpected '{parser.Current.Text}' at position {parser.Current.Position + 1}");
        }

        ExprDepth.Ensure(node, limits);
        return node;
    }

    private void Enter()
    {
        if (++_depth > _limits.ExpressionDepth)
        {
            throw ExpressionBudget.TooDeep(_limits);
        }

        ExpressionBudget.EnsureStack();
    }

    private Token Current => _tokens[_position];

    private bool IsOperator(string op) =>
        (Current.Kind == TokenKind.Operator || (Current.Kind == TokenKind.Identifier && WordOperators.Contains(Current.Text)))
        && Current.Text == op;

    private bool Accept(string op)
    {
        if (!IsOperator(op))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            var found = Current.Kind == TokenKind.End ? "the end" : $"'{Current.Text}'";
            throw new ExpressionException($"expected '{op}' at position {Current.Position + 1}, found {found}");
        }
    }

    private ExprNode ParseConditional()
    {
        Enter();
        var condition = ParsePipe();
        if (Accept("?"))
        {
            var whenTrue = ParseConditional();
            Expect(":");
            var whenFalse = ParseConditional();
            condition = new ConditionalNode(condition, whenTrue, whenFalse);
        }

        _depth--;
        return condition;
    }

    /// <summary>
    /// expr-lang's pipe, its loosest operator: <c>x | f(y)</c> is <c>f(x, y)</c>. govaluate has no pipe (its
    /// <c>|</c> is a bitwise or Argo's <c>when</c> never uses), so there the token stays unexpected.
    /// </summary>
    private ExprNode ParsePipe()
    {
        var left = ParseBinary(0);
        while (!_bareWordsAreStrings && IsOperator("|"))
        {
            _position++;
            var name = Current;
            if (name.Kind != TokenKind.Identifier)
            {
                throw new ExpressionException($"expected a function name after '|' at position {name.Position + 1}");
            }

            _position++;
            var arguments = new List<ExprNode> { left };
            Expect("(");
            if (!IsOperator(")"))
            {
                do
                {
                    arguments.Add(ParseConditional());
                }
                while (Accept(","));
            }

            Expect(")");

            // Like expr-lang, operators after the call bind to its result: x | f() == y is f(x) == y.
            left = new CallNode(name.Text, arguments);
            for (var level = Levels.Length - 1; level >= 0; level--)
            {
                left = ContinueBinary(level, left);
            }
        }

        return left;
    }

    /// <summary>govaluate's binary operators, loosest first: <c>??</c> binds loosest.</summary>
    private static readonly string[][] GovaluateLevels =
    [
        ["??"],
        ["||", "or"],
        ["&&", "and"],
        ["==", "!=", "===", "!==", "<", ">", "<=", ">=", "in", "not", "=~", "!~", "matches", "contains", "startsWith", "endsWith"],
        ["+", "-"],
        ["*", "/", "%"],
        ["**", "^"],
    ];

    /// <summary>
    /// expr-lang's, loosest first (its parser/operator/operator.go): <c>??</c> binds tightest, so
    /// <c>a ?? b == c</c> is <c>(a ?? b) == c</c>.
    /// </summary>
    private static readonly string[][] ExprLevels = [.. GovaluateLevels.Skip(1), ["??"]];

    private string[][] Levels => _bareWordsAreStrings ? GovaluateLevels : ExprLevels;

    private ExprNode ParseBinary(int level)
    {
        return level == Levels.Length ? ParseUnary() : ContinueBinary(level, ParseBinary(level + 1));
    }

    private ExprNode ContinueBinary(int level, ExprNode left)
    {
        while (true)
        {
            var op = Levels[level].FirstOrDefault(IsOperator);
            if (op is null)
            {
                return left;
            }

            _position++;
            if (op == "not")
            {
                Expect("in");
                op = "not in";
            }

            var right = ParseBinary(level + 1);
            left = new BinaryNode(Normalize(op), left, right);
        }
    }

    private static string Normalize(string op) => op switch
    {
        "or" => "||",
        "and" => "&&",
        "===" => "==",
        "!==" => "!=",
        "=~" => "matches",
        "^" => "**",
        _ => op,
    };

    private ExprNode ParseUnary()
    {
        var op = Accept("!") || Accept("not") ? "!" : Accept("-") ? "-" : null;
        if (op is null)
        {
            Accept("+");
            return ParsePostfix(ParsePrimary());
        }

        Enter();
        var node = new UnaryNode(op, ParseUnary());
        _depth--;
        return node;
    }

    private ExprNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                _position++;
                return new LiteralNode(token.Value);
            case TokenKind.Identifier:
                _position++;
                return token.Text switch
                {
                    "true" => new LiteralNode(true),
                    "false" => new LiteralNode(false),
                    "nil" or "null" => new LiteralNode(null),
                    _ when _bareWordsAreStrings => new LiteralNode(token.Text),
                    _ => new IdentifierNode(token.Text),
                };
            case TokenKind.Operator when token.Text == "(":
                _position++;
                var inner = ParseConditional();
                if (IsOperator(","))
                {
                    // govaluate's array literal: (1, 2, 3), used with 'in'.
                    var items = new List<ExprNode> { inner };
                    while (Accept(","))
                    {
                        items.Add(ParseConditional());
                    }

                    Expect(")");
                    return new ArrayNode(items);
                }

                Expect(")");
                return inner;
            case TokenKind.Operator when token.Text == "{" && !_bareWordsAreStrings && IsMapLiteral():
                return ParseMap();
            case TokenKind.Operator when token.Text == "{" && !_bareWordsAreStrings:
                _position++;
                var body = ParseConditional();
                Expect("}");
                return new ClosureNode(body);
            case TokenKind.Operator when token.Text == "#" && !_bareWordsAreStrings:
                _position++;
                return new IdentifierNode("#");
            case TokenKind.Operator when token.Text == "[":
                _position++;
                var elements = new List<ExprNode>();
                if (!IsOperator("]"))
                {
                    do
                    {
                        elements.Add(ParseConditional());
                    }
                    while (Accept(","));
                }

                Expect("]");
                return new ArrayNode(elements);
            default:
                var found = token.Kind == TokenKind.End ? "the end of the expression" : $"'{token.Text}'";
                throw new ExpressionException($"expected a value at position {token.Position + 1}, found {found}");
        }
    }

    /// <summary>
    /// True when the <c>{</c> here opens a map literal (<c>{}</c> or <c>{key: ...</c>) rather than a predicate
    /// (<c>{# &gt; 1}</c>): expr-lang tells them apart the same way.
    /// </summary>
    private bool IsMapLiteral()
    {
        var next = _tokens[Math.Min(_position + 1, _tokens.Count - 1)];
        var after = _tokens[Math.Min(_position + 2, _tokens.Count - 1)];
        return (next.Kind == TokenKind.Operator && next.Text == "}")
            || (next.Kind is TokenKind.Identifier or TokenKind.String && after.Kind == TokenKind.Operator && after.Text == ":");
    }

    private ObjectNode ParseMap()
    {
        Expect("{");
        var entries = new List<KeyValuePair<string, ExprNode>>();
        while (!IsOperator("}"))
        {
            var key = Current;
            if (key.Kind is not (TokenKind.Identifier or TokenKind.String))
            {
                throw new ExpressionException($"expected a map key at position {key.Position + 1}");
            }

            _position++;
            Expect(":");
            entries.Add(KeyValuePair.Create(key.Kind == TokenKind.String ? (string)key.Value! : key.Text, ParseConditional()));
            if (!Accept(","))
            {
                break;
            }
        }

        Expect("}");
        return new ObjectNode(entries);
    }

    private ExprNode ParsePostfix(ExprNode node)
    {
        while (true)
        {
            if (Accept("."))
            {
                var name = Current;
                if (name.Kind is not (TokenKind.Identifier or TokenKind.Number))
                {
                    throw new ExpressionException($"expected a name after '.' at position {name.Position + 1}");
                }

                _position++;
                node = node is LiteralNode { Value: string word } && _bareWordsAreStrings
                    ? new LiteralNode(DottedWord(word, name.Text))
                    : new MemberNode(node, name.Text);
            }
            else if (IsOperator("[") && !_bareWordsAreStrings)
            {
                _position++;
                var index = ParseConditional();
                Expect("]");
                node = new IndexNode(node, index);
            }
            else if (IsOperator("(") && FunctionName(node) is { } function)
            {
                _position++;
                var arguments = new List<ExprNode>();
                if (!IsOperator(")"))
                {
                    do
                    {
                        arguments.Add(ParseConditional());
                    }
                    while (Accept(","));
                }

                Expect(")");
                node = new CallNode(function, arguments);
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>
    /// govaluate's <c>a.b.c</c> as one word: the rest of the dotted run is read at once, so a long run costs
    /// linear, not quadratic, time.
    /// </summary>
    private string DottedWord(string word, string first)
    {
        var text = new System.Text.StringBuilder(word).Append('.').Append(first);
        while (IsOperator(".") && _tokens[_position + 1].Kind is TokenKind.Identifier or TokenKind.Number)
        {
            text.Append('.').Append(_tokens[_position + 1].Text);
            _position += 2;
        }

        return text.ToString();
    }

    private static string? FunctionName(ExprNode node) => node switch
    {
        IdentifierNode id => id.Name,
        MemberNode { Target: IdentifierNode target } member => $"{target.Name}.{member.Name}",
        _ => null,
    };
}
