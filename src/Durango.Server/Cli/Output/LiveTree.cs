using Durango.Api.Workflows;
using Durango.Engine.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Durango.Server.Cli;

/// <summary>
/// Shows a workflow while it runs, as <c>argo submit --watch</c> does. On a terminal the tree is redrawn in place
/// (Spectre.Console's live display: no screen clearing, no stale frames above the result) and its last frame, the
/// final state, stays; colours follow the terminal and <c>NO_COLOR</c>. Elsewhere nothing is drawn while it runs and
/// the final state is printed once, as plain text.
/// </summary>
internal static class LiveTree
{
    /// <summary>Follows <paramref name="updates"/> to the end and returns the last view; prints the final state either way.</summary>
    public static async Task<WorkflowView?> FollowAsync(CliConsole console, IAsyncEnumerable<WorkflowView> updates)
    {
        WorkflowView? last = null;
        if (console.Screen is { } screen)
        {
            await screen.Live(new Text(string.Empty)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async live =>
                {
                    await foreach (var view in updates.ConfigureAwait(false))
                    {
                        last = view;
                        live.UpdateTarget(Render(view));
                        live.Refresh();
                    }
                }).ConfigureAwait(false);
            return last;
        }

        await foreach (var view in updates.ConfigureAwait(false))
        {
            last = view;
        }

        if (last is not null)
        {
            await console.Out.WriteAsync(WorkflowPrinter.Render(last, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        }

        return last;
    }

    /// <summary>The tree as markup: the same text as <see cref="WorkflowPrinter"/>, with each phase symbol in its colour.</summary>
    public static IRenderable Render(WorkflowView view)
    {
        var markup = Markup.Escape(WorkflowPrinter.Render(view, DateTimeOffset.UtcNow).TrimEnd('\n'));
        foreach (var (phase, colour) in Colours)
        {
            var symbol = WorkflowPrinter.Symbol(phase);
            markup = markup.Replace(symbol, $"[{colour}]{symbol}[/]", StringComparison.Ordinal);
        }

        return new Markup(markup);
    }

    private static readonly (NodePhase Phase, string Colour)[] Colours =
    [
        (NodePhase.Succeeded, "green"),
        (NodePhase.Failed, "red"),
        (NodePhase.Error, "red"),
        (NodePhase.Running, "blue"),
        (NodePhase.Skipped, "grey"),
        (NodePhase.Pending, "yellow"),
    ];
}
