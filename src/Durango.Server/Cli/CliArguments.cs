using System.CommandLine;
using System.CommandLine.Parsing;
using Durango.Server.Cli.Parsing;

namespace Durango.Server.Cli;

/// <summary>
/// What System.CommandLine parsed for one command, in the shape the commands read: positional values, the
/// <c>-p name=value</c> parameters, options by their canonical name (<c>--output</c>) and the flags that are on.
/// </summary>
internal sealed record CliArguments(
    IReadOnlyList<string> Positional,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlySet<string> Flags)
{
    /// <summary>The arguments of the command <paramref name="result"/> chose.</summary>
    public static CliArguments From(ParseResult result)
    {
        var positional = new List<string>();
        var parameters = new List<KeyValuePair<string, string>>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var child in result.CommandResult.Children)
        {
            switch (child)
            {
                case ArgumentResult argument:
                    positional.AddRange(argument.Tokens.Select(t => t.Value));
                    break;
                case OptionResult { Option.Name: CliOptions.ParameterName } option:
                    parameters.AddRange(option.Tokens.Select(t => ParseParameter(t.Value)!.Value));
                    break;
                case OptionResult { Option: Option<bool> flag } option when !option.Implicit:
                    if (result.GetValue(flag))
                    {
                        flags.Add(flag.Name);
                    }

                    break;
                case OptionResult option when option.Tokens.Count > 0:
                    options[option.Option.Name] = option.Tokens[^1].Value;
                    repeated[option.Option.Name] = option.Tokens.Select(t => t.Value).ToList();
                    break;
            }
        }

        return new CliArguments(positional, parameters, options, flags) { Repeated = repeated };
    }

    /// <summary>Every value of each repeatable option given (<c>--output-parameter a=1 --output-parameter b=2</c>), by canonical name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Repeated { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Every value given for option <paramref name="name"/> (its canonical name), in order; empty when none.</summary>
    public IReadOnlyList<string> All(string name) => Repeated.GetValueOrDefault(name) ?? [];

    /// <summary>The value of option <paramref name="name"/> (its canonical name), or null.</summary>
    public string? Option(string name) => Options.GetValueOrDefault(name);

    /// <summary><c>--output</c>: <c>text</c> unless told otherwise.</summary>
    public string Output => Option("--output") ?? "text";

    /// <summary><c>name=value</c> as a pair; null when it does not look like that.</summary>
    public static KeyValuePair<string, string>? ParseParameter(string text)
    {
        var cut = text.IndexOf('=', StringComparison.Ordinal);
        return cut <= 0 ? null : new KeyValuePair<string, string>(text[..cut], text[(cut + 1)..]);
    }
}
