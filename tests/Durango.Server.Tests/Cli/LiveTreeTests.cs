using Durango.Server.Cli;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Durango.Server.Tests.Cli;

/// <summary>The live tree: redrawn in place on a terminal, the final state printed once, plain text elsewhere.</summary>
public class LiveTreeTests
{
    private static readonly string Hello = Path.Combine(AppContext.BaseDirectory, "Samples", "hello.yaml");

    [Fact]
    public async Task Run_OnATerminal_DrawsInPlace_AndLeavesTheFinalStateOnce()
    {
        var screen = new TestConsole().Interactive().EmitAnsiSequences().Width(160);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["run", Hello, "--log"], new CliConsole(stdout, stderr, screen), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.DoesNotContain("\u001b[2J", screen.Output, StringComparison.Ordinal);
        Assert.Contains("Succeeded", screen.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Status:", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("shout: hello world!", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NotATerminal_PrintsTheFinalStateOnceAsPlainText()
    {
        var run = await DurangoCli.RunAsync("run", Hello);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Stdout.Split("Status:").Length);
        Assert.DoesNotContain("\u001b[", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, ColorSystemSupport.Detect)]
    [InlineData("", ColorSystemSupport.Detect)]
    [InlineData("1", ColorSystemSupport.NoColors)]
    public void Colours_NoColorVariable_TurnsColoursOff(string? noColor, ColorSystemSupport expected) =>
        Assert.Equal(expected, CliConsole.Colours(noColor));
}
