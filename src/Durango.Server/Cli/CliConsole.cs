using Spectre.Console;

namespace Durango.Server.Cli;

/// <summary>
/// Where a command prints: <see cref="Out"/> and <see cref="Error"/> for text (captured by the tests), and
/// <see cref="Screen"/>, a Spectre.Console terminal for the live tree, which is null when the output is not a
/// terminal (redirected, piped, captured): then only the final state is printed, as plain text.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole? Screen)
{
    /// <summary>The process's console: a live screen only when standard output is a terminal; no colour under <c>NO_COLOR</c>.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, Console.IsOutputRedirected
        ? null
        : AnsiConsole.Create(new AnsiConsoleSettings { ColorSystem = Colours(Environment.GetEnvironmentVariable("NO_COLOR")) }));

    /// <summary>The colours to use: none when <c>NO_COLOR</c> is set to anything but empty (no-color.org), else what the terminal says.</summary>
    public static ColorSystemSupport Colours(string? noColor) => string.IsNullOrEmpty(noColor) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors;
}
