using Durango.Server.Tests.Api;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// What every port of test/e2e/cli_test.go (CLISuite) shares: a temporary directory for the files the CLI reads, and,
/// for the ports that talk to a <c>durango serve</c>, upstream's <c>BeforeTest</c>: each test starts by deleting the
/// namespace's workflows, so that a namespace-wide selector picks only the test's own.
/// </summary>
public abstract class E2eCliTest : IAsyncLifetime
{
    /// <summary>Where the test's files are written.</summary>
    private protected E2eCliFiles Files { get; } = new();

    /// <summary>The server the CLI talks to; null for the commands that need none (lint).</summary>
    private protected abstract ServeFixture? Serve { get; }

    public async Task InitializeAsync()
    {
        if (Serve is { } serve)
        {
            Assert.Equal(0, (await serve.DurangoAsync("delete", "--all")).ExitCode);
        }
    }

    public Task DisposeAsync()
    {
        Files.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Submits <paramref name="workflow"/> with <c>durango submit FILE -l LABEL</c> (a new label unless given) and returns its name.</summary>
    private protected async Task<string> SubmitAsync(string workflow, string? label = null)
    {
        var run = await Serve!.DurangoAsync("submit", Files.Write($"{Guid.NewGuid():N}.yaml", workflow), "-l", label ?? E2eCliFiles.NewLabel());
        Assert.True(run.ExitCode == 0, run.Stderr);
        return E2eCliFiles.NameIn(run.Stdout);
    }
}
