using System.Globalization;
using System.Text;

namespace Durango.Core.Expressions;

/// <summary>The kinds of token both dialects share.</summary>
internal enum TokenKind
{
    Number,
    String,
    Identifier,
    Operator,
    End,
}

/// <summary>A token and where it starts in the text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Position);

/// <summary>Splits expr-lang and govaluate text into tokens.</summary>
internal static class ExprLexer
{
    private static readonly string[] Operators =
    [
        "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??", "=~", "!~", "**",
        "<", ">", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ".", ",", "?", ":", "^", "{", "}", "#", "|",
    ];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c is '"' or '\'' or '`')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], null, start));
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new ExpressionException($"unexpected character '{c}' at position {i + 1}");
                tokens.Add(new Token(TokenKind.Operator, op, null, i));
                i += op.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, null, text.Length));
        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        var isFloat = false;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var raw = text[start..i].Replace("_", string.Empty, StringComparison.Ordinal);
        object value = isFloat
            ? double.Parse(raw, CultureInfo.InvariantCulture)
            : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? (object)l : double.Parse(raw, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, text[start..i], value, start);
    }

    private static Token ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && quote != '`' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new ExpressionException($"string starting at position {start + 1} is not closed; add the closing {quote}");
        }

        i++;
        return new Token(TokenKind.String, text[start..i], value.ToString(), start);
    }
}
