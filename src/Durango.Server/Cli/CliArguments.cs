namespace Durango.Server.Cli;

/// <summary>
/// Parsed arguments: positional values, repeatable <c>-p name=value</c> parameters and <c>--option value</c>
/// pairs. Small on purpose: every command takes the same shapes.
/// </summary>
internal sealed record CliArguments(
    IReadOnlyList<string> Positional,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlySet<string> Flags)
{
    private static readonly HashSet<string> FlagNames = ["--watch", "--follow", "--help", "--quiet", "--log", "--all-namespaces", "-A"];

    public static CliArguments Parse(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var parameters = new List<KeyValuePair<string, string>>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg is "-p" or "--parameter")
            {
                parameters.Add(ParseParameter(Next(e, arg)));
            }
            else if (FlagNames.Contains(arg))
            {
                flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                var cut = arg.IndexOf('=', StringComparison.Ordinal);
                options[arg[..cut]] = arg[(cut + 1)..];
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                options[arg] = Next(e, arg);
            }
            else
            {
                positional.Add(arg);
            }
        }

        return new CliArguments(positional, parameters, options, flags);
    }

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public string Output => Option("--output") ?? Option("-o") switch
    {
        null => "text",
        var value => value,
    };

    private static string Next(IEnumerator<string> e, string option) =>
        e.MoveNext() ? e.Current : throw new CliUsageException($"{option} needs a value");

    private static KeyValuePair<string, string> ParseParameter(string text)
    {
        var cut = text.IndexOf('=', StringComparison.Ordinal);
        if (cut <= 0)
        {
            throw new CliUsageException($"parameter '{text}' must look like name=value");
        }

        return new KeyValuePair<string, string>(text[..cut], text[(cut + 1)..]);
    }
}
