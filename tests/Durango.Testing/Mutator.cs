using System.Text;

namespace Durango.Testing;

/// <summary>
/// Mutations of a workflow file, from a seeded <see cref="Random"/> so that every mutant reproduces: character
/// edits, and the structural ones a hostile user tries (deep nesting, huge repeats, duplicate keys, expressions in
/// <c>when</c>, <c>depends</c> and <c>{{= }}</c>, unicode, NUL, very long lines). Deep nesting goes to 10,000 here
/// (the limit is 256); the 100,000-deep cases have tests of their own.
/// </summary>
public sealed class Mutator(Random random)
{
    public const int Kinds = 14;
    private const string Noise = "{}[]:-,\"'\n\t |>&*!#%@`?~=\\0123abc ";
    private static readonly string[] Unicode = ["é", "日本", "🙂", "\u200f", "\u0301", "\ufeff", "\ud800", "\udc00", "\u2028", "\u0085", "Ω"];
    private static readonly string[] ExprTokens =
    [
        "a", "steps", "[", "]", "\"step-1\"", ".", "status", "==", "!=", "&&", "||", "!", "(", ")", "?", ":", "??",
        "in", "not", "and", "or", "1", "2.5", "'x'", "\"y\"", "`z`", "asInt(", "jsonpath(", "sprig.repeat(", "sprig.upper(",
        ",", "+", "-", "*", "/", "%", "**", "=~", "matches", "true", "nil", "{{", "}}", "=", "{", "}", "#", "$", "\\",
        "'", "\"", "é", "\u0000", " ", "workflow.status", "item", "[1, 2]", ">=", "<", "A.Succeeded", "B.Failed",
    ];

    /// <summary>One to three mutations of <paramref name="text"/>; <paramref name="kinds"/> counts each kind used.</summary>
    public string Mutate(string text, int[] kinds)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
        {
            var kind = random.Next(Kinds);
            kinds[kind]++;
            Apply(builder, kind);
        }

        return builder.ToString();
    }

    /// <summary>A random expression of up to <paramref name="tokens"/> tokens.</summary>
    public string Expression(int tokens) =>
        string.Concat(Enumerable.Range(0, random.Next(1, tokens)).Select(_ => ExprTokens[random.Next(ExprTokens.Length)] + (random.Next(3) == 0 ? " " : string.Empty)));

    private void Apply(StringBuilder builder, int kind)
    {
        var at = random.Next(builder.Length);
        switch (kind)
        {
            case 0:
                builder.Remove(at, Math.Min(random.Next(1, 20), builder.Length - at));
                break;
            case 1:
                builder.Insert(at, Noise[random.Next(Noise.Length)]);
                break;
            case 2:
                builder.Length = at;
                break;
            case 3:
                // A line twice: usually a duplicate key.
                var lines = Lines(builder);
                lines.Insert(random.Next(lines.Count), lines[random.Next(lines.Count)]);
                Set(builder, lines);
                break;
            case 4:
                builder.Insert(at, random.Next(2) == 0 ? "  " : "\n- ");
                break;
            case 5:
                builder.Insert(AfterColon(builder), Deep());
                break;
            case 6:
                // A huge repeat: one line many times.
                var all = Lines(builder);
                var line = all[random.Next(all.Count)];
                all.InsertRange(random.Next(all.Count), Enumerable.Repeat(line, random.Next(100, 1000)));
                Set(builder, all);
                break;
            case 7:
                InsertField(builder, "when", Expression(12));
                break;
            case 8:
                InsertField(builder, "depends", Expression(12));
                break;
            case 9:
                builder.Insert(AfterColon(builder), " \"{{=" + Expression(12).Replace("\"", "'", StringComparison.Ordinal) + "}}\"");
                break;
            case 10:
                builder.Insert(at, Unicode[random.Next(Unicode.Length)]);
                break;
            case 11:
                builder.Insert(at, '\0');
                break;
            case 12:
                builder.Insert(AfterColon(builder), " " + new string((char)('a' + random.Next(26)), random.Next(10_000, 50_000)));
                break;
            default:
                var unit = random.Next(3) switch { 0 => "!", 1 => "-", _ => "(" };
                InsertField(builder, random.Next(2) == 0 ? "when" : "expression", string.Concat(Enumerable.Repeat(unit, random.Next(300, 10_000))) + "1");
                break;
        }
    }

    private string Deep()
    {
        var depth = random.Next(2) == 0 ? random.Next(200, 300) : random.Next(1_000, 10_000);
        return random.Next(3) switch
        {
            0 => " " + new string('[', depth) + new string(']', depth),
            1 => " " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            _ => " " + string.Concat(Enumerable.Repeat("- ", depth)) + "x",
        };
    }

    /// <summary>Just after a random <c>key:</c>, where a value goes; or the end.</summary>
    private int AfterColon(StringBuilder builder)
    {
        var text = builder.ToString();
        var colon = text.IndexOf(": ", random.Next(text.Length), StringComparison.Ordinal);
        return colon < 0 ? text.Length : colon + 1;
    }

    /// <summary>Sets <paramref name="field"/> on a random step or task (a line starting a list item), or appends it.</summary>
    private void InsertField(StringBuilder builder, string field, string value)
    {
        var lines = Lines(builder);
        var items = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimStart().StartsWith("- name:", StringComparison.Ordinal)).ToList();
        var quoted = "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        if (items.Count == 0)
        {
            lines.Add($"{field}: {quoted}");
        }
        else
        {
            var i = items[random.Next(items.Count)];
            var indent = lines[i].Length - lines[i].TrimStart().Length + 2;
            lines.Insert(i + 1, $"{new string(' ', indent)}{field}: {quoted}");
        }

        Set(builder, lines);
    }

    private static List<string> Lines(StringBuilder builder) => [.. builder.ToString().Split('\n')];

    private static void Set(StringBuilder builder, List<string> lines) => builder.Clear().AppendJoin('\n', lines);
}
