namespace Durango.Server.Tests.Cli;

/// <summary>The command line as a newcomer meets it: typos, help, version, completion, parameters, unreadable files.</summary>
public class UsageTests
{
    private static readonly string Hello = Path.Combine(AppContext.BaseDirectory, "Samples", "hello.yaml");

    [Fact]
    public async Task List_MisspelledOption_IsUsageErrorWithDidYouMean()
    {
        var run = await DurangoCli.RunAsync("list", "--outptu", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            $"durango: unknown option '--outptu'; did you mean '--output'?{Environment.NewLine}Run 'durango list --help' for usage.{Environment.NewLine}",
            run.Stderr);
    }

    [Fact]
    public async Task Run_MisspelledFlag_SuggestsTheFlag()
    {
        var run = await DurangoCli.RunAsync("run", Hello, "--lgo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--lgo'; did you mean '--log'?", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("needs a value", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_UnknownCommand_SuggestsTheClosest()
    {
        var run = await DurangoCli.RunAsync("lits");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("durango: unknown command 'lits'; did you mean 'list'?", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("required command", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("run")]
    [InlineData("serve")]
    [InlineData("submit")]
    [InlineData("list")]
    [InlineData("get")]
    [InlineData("logs")]
    [InlineData("stop")]
    [InlineData("resubmit")]
    [InlineData("template", "create")]
    [InlineData("cluster-template", "delete")]
    [InlineData("completion")]
    public async Task Help_AnyCommand_PrintsUsageAndExitsZero(params string[] command)
    {
        var run = await DurangoCli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        // The program's name is the host's in-process (testhost); the command path follows it.
        Assert.Matches($@"Usage:\s+\S+ {string.Join(' ', command)}\b", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Version_PrintsTheToolsVersion()
    {
        var run = await DurangoCli.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Fact]
    public async Task NoArguments_PrintsHelp_AndIsAUsageError()
    {
        var run = await DurangoCli.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Commands:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownParameter_IsUsageErrorNamingTheDeclaredOnes()
    {
        var run = await DurangoCli.RunAsync("run", Hello, "-p", "whoo=x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parameter 'whoo' is not in spec.arguments.parameters", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'who'?", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Run_ParameterWithoutValue_IsUsageError()
    {
        var run = await DurangoCli.RunAsync("run", Hello, "-p", "who");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parameter 'who' must look like name=value", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExtraArgument_IsUsageError()
    {
        var run = await DurangoCli.RunAsync("run", Hello, Hello);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"unknown argument '{Hello}'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MissingFile_GivesTheSystemsReasonAndNoMadeUpPosition()
    {
        var run = await DurangoCli.RunAsync("lint", "nosuchfile.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nosuchfile.yaml: error: cannot read the file: Could not find file", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(":1:1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 linting errors found! (0 warning(s))", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_TabIndentation_PointsAtTheTabsLine()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("durango-tab-").FullName, "tab.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\nspec:\n\tentrypoint: main\n");

        var run = await DurangoCli.RunAsync("lint", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:6:1: error: malformed YAML: a tab is used for indentation", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _durango_complete durango")]
    [InlineData("zsh", "compdef _durango_complete durango")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName durango")]
    public async Task Completion_Shell_PrintsAScriptThatAsksDurango(string shell, string expected)
    {
        var run = await DurangoCli.RunAsync("completion", shell);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_PartialCommand_ListsTheCommandsThatComplete()
    {
        var run = await DurangoCli.RunAsync("[suggest:10]", "durango li");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["lint", "list"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
