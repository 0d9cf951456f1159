using System.CommandLine;

namespace Durango.Server.Cli.Completion;

/// <summary>
/// <c>durango completion bash|zsh|pwsh</c>: prints a script that completes <c>durango</c>'s commands and options by asking
/// <c>durango</c> itself (System.CommandLine's <c>[suggest:POSITION]</c> directive), so completion never goes stale.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # durango completion for bash: eval "$(durango completion bash)" (add it to ~/.bashrc)
        _durango_complete() {
          local IFS=$'\n'
          COMPREPLY=($(durango "[suggest:${#COMP_LINE}]" "$COMP_LINE" 2>/dev/null | grep -- "^${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _durango_complete durango
        """;

    private const string Zsh = """
        # durango completion for zsh: eval "$(durango completion zsh)" (add it to ~/.zshrc)
        _durango_complete() {
          local -a candidates
          candidates=("${(@f)$(durango "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
          compadd -- $candidates
        }
        compdef _durango_complete durango
        """;

    private const string Pwsh = """
        # durango completion for PowerShell: durango completion pwsh | Out-String | Invoke-Expression (add it to $PROFILE)
        Register-ArgumentCompleter -Native -CommandName durango -ScriptBlock {
          param($wordToComplete, $commandAst, $cursorPosition)
          durango "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
            [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
          }
        }
        """;

    public static Command Build(CliConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or pwsh" }.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print a shell completion script: eval \"$(durango completion bash)\"") { shell };
        command.SetAction(async result =>
        {
            await console.Out.WriteLineAsync(result.GetValue(shell) switch
            {
                "zsh" => Zsh,
                "pwsh" => Pwsh,
                _ => Bash,
            }).ConfigureAwait(false);
            return CommandLine.Ok;
        });
        return command;
    }
}
