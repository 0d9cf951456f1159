using Durango.Engine.Model;
using Durango.Server.Tests.Api;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>Ports of test/e2e/cli_test.go (CLISuite)'s <c>argo delete</c> tests, against a <c>durango serve</c> of this class's own.</summary>
public sealed class E2eCliDeleteTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestWorkflowDeleteByName.
    [Fact]
    public async Task DeleteByName_SaysDeleted()
    {
        var name = await SubmitAsync(E2eCliFiles.Basic, E2eCliFiles.NewLabel());

        var run = await serve.DurangoAsync("delete", name);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("Workflow 'basic-.*' deleted", run.Stdout);
        Assert.Equal("No workflows found", (await serve.DurangoAsync("list", "--field-selector", $"metadata.name={name}")).Stdout.Trim());
    }

    // Ports TestWorkflowDeleteByFieldSelector.
    [Fact]
    public async Task DeleteByFieldSelector_SaysDeleted()
    {
        var name = await SubmitAsync(E2eCliFiles.Basic, E2eCliFiles.NewLabel());

        var run = await serve.DurangoAsync("delete", "--field-selector", $"metadata.name={name}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Workflow '{name}' deleted", run.Stdout.Trim());
    }

    // Ports TestWorkflowDeleteDryRun: the name as given, nothing asked of the server.
    [Fact]
    public async Task DeleteDryRun_SaysWhatWouldBeDeleted()
    {
        var run = await serve.DurangoAsync("delete", "--dry-run", "basic");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Workflow 'basic' deleted (dry-run)", run.Stdout, StringComparison.Ordinal);
    }

    // Ports TestWorkflowDeleteNothing: no name and no filter is refused and deletes nothing. Upstream's exit code is 1
    // (cobra's argument check); Durango's is 2, its code for bad usage.
    [Fact]
    public async Task DeleteNothing_IsRefused()
    {
        var name = await SubmitAsync(E2eCliFiles.Basic, E2eCliFiles.NewLabel());

        var run = await serve.DurangoAsync("delete");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("deleted", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await serve.DurangoAsync("get", name)).ExitCode);
    }

    // Ports TestWorkflowDeleteNotFound: a missing workflow is said, not an error.
    [Fact]
    public async Task DeleteNotFound_SaysNotFound()
    {
        var run = await serve.DurangoAsync("delete", "not-found");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Workflow 'not-found' not found", run.Stdout, StringComparison.Ordinal);
    }

    // Ports TestWorkflowDeleteAll: --all with a selector deletes what it selects.
    [Fact]
    public async Task DeleteAll_DeletesTheSelected()
    {
        var label = E2eCliFiles.NewLabel();
        await SubmitAsync(E2eCliFiles.Basic, label);

        var run = await serve.DurangoAsync("delete", "--all", "-l", label);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("Workflow 'basic-.*' deleted", run.Stdout);
    }

    // Ports TestWorkflowDeleteCompleted: --completed skips a running workflow and deletes it once it has ended
    // (upstream's sleeps 3 s; here it waits to be resumed).
    [Fact]
    public async Task DeleteCompleted_OnlyOnceEnded()
    {
        var label = E2eCliFiles.NewLabel();
        var name = await SubmitAsync(E2eCliFiles.Waiting, label);
        await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Running);

        var early = await serve.DurangoAsync("delete", "--completed", "-l", label);
        Assert.Equal(0, early.ExitCode);
        Assert.DoesNotContain("deleted", early.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await serve.DurangoAsync("resume", name)).ExitCode);
        await serve.WaitAsync(name);
        var late = await serve.DurangoAsync("delete", "--completed", "-l", label);
        Assert.Equal(0, late.ExitCode);
        Assert.Contains($"Workflow '{name}' deleted", late.Stdout, StringComparison.Ordinal);
    }

    // Ports TestWorkflowDeleteResubmitted: resubmit --memoized prints the new workflow; delete --resubmitted deletes it.
    [Fact]
    public async Task DeleteResubmitted_DeletesTheResubmittedOne()
    {
        var label = E2eCliFiles.NewLabel();
        var name = await SubmitAsync(E2eCliFiles.Exit1, label);
        await serve.WaitAsync(name);

        var resubmit = await serve.DurangoAsync("resubmit", "--memoized", "@latest");
        Assert.Equal(0, resubmit.ExitCode);
        foreach (var field in new[] { "Name:", "Namespace:", "ServiceAccount:", "Status:", "Created:" })
        {
            Assert.Contains(field, resubmit.Stdout, StringComparison.Ordinal);
        }

        var resubmitted = E2eCliFiles.NameIn(resubmit.Stdout);
        Assert.NotEqual(name, resubmitted);
        var run = await serve.DurangoAsync("delete", "--resubmitted", "-l", label);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Workflow '{resubmitted}' deleted", run.Stdout.Trim());
    }

    // Ports TestWorkflowDeleteOlder: --older 1d deletes nothing just finished, --older 0s deletes it.
    [Fact]
    public async Task DeleteOlder_ByWhenItEnded()
    {
        var label = E2eCliFiles.NewLabel();
        await serve.WaitAsync(await SubmitAsync(E2eCliFiles.Basic, label));

        var none = await serve.DurangoAsync("delete", "--older", "1d", "-l", label);
        Assert.Equal(0, none.ExitCode);
        Assert.DoesNotContain("deleted", none.Stdout, StringComparison.Ordinal);

        var all = await serve.DurangoAsync("delete", "--older", "0s", "-l", label);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("deleted", all.Stdout, StringComparison.Ordinal);
    }

    // Ports TestWorkflowDeleteByPrefix.
    [Fact]
    public async Task DeleteByPrefix_OnlyMatchingNames()
    {
        var label = E2eCliFiles.NewLabel();
        await SubmitAsync(E2eCliFiles.Basic, label);

        var none = await serve.DurangoAsync("delete", "--prefix", "missing-prefix", "-l", label);
        Assert.Equal(0, none.ExitCode);
        Assert.DoesNotContain("deleted", none.Stdout, StringComparison.Ordinal);

        var some = await serve.DurangoAsync("delete", "--prefix", "basic", "-l", label);
        Assert.Equal(0, some.ExitCode);
        Assert.Contains("deleted", some.Stdout, StringComparison.Ordinal);
    }
}
