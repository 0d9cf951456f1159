using System.CommandLine;
using Durango.Core.Loading;

namespace Durango.Server.Cli.Parsing;

/// <summary>
/// Prints parse errors the way git and argo do: <c>durango: unknown option '--outptu'; did you mean '--output'?</c>, then
/// where to find the command's help. Suggestions are the command's options or subcommands within a small edit distance.
/// </summary>
internal static class UsageErrors
{
    public static async Task PrintAsync(ParseResult result, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        var unmatched = result.UnmatchedTokens.ToList();

        // A word right after an unknown option is most likely that option's value: one error is enough.
        var values = unmatched.Where((t, i) => i > 0 && !t.StartsWith('-') && unmatched[i - 1].StartsWith('-')).ToHashSet(StringComparer.Ordinal);
        var printed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var line = token is null ? Lower(error.Message) : values.Contains(token) ? null : Unknown(command, token);
            if (token is null && unmatched.Count > 0 && command.Subcommands.Count > 0)
            {
                // "Required command was not provided" says nothing more than the unknown command does.
                line = null;
            }

            if (line is not null && printed.Add(line))
            {
                await stderr.WriteLineAsync($"durango: {line}").ConfigureAwait(false);
            }
        }

        await stderr.WriteLineAsync($"Run '{Path(command)} --help' for usage.").ConfigureAwait(false);
    }

    private static string Unknown(Command command, string token)
    {
        var isOption = token.StartsWith('-');
        var candidates = isOption
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        var what = isOption ? "option" : command.Subcommands.Count > 0 ? "command" : "argument";
        var best = candidates
            .Select(c => (Name: c, Distance: EditDistance.Between(token.Split('=')[0], c)))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        return $"unknown {what} '{token}'" + (best is null ? string.Empty : $"; did you mean '{best}'?");
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c && c is not RootCommand; symbol = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names.Prepend("durango"));
    }

    private static string Lower(string message) => message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.') : message;
}
