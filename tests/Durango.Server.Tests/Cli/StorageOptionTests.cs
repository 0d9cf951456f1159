using Durango.Testing;

namespace Durango.Server.Tests.Cli;

/// <summary><c>durango run --storage</c>: the same workflow on the Azure Storage backend, against Azurite.</summary>
public sealed class StorageOptionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Samples");

    [Fact]
    public async Task Run_WithStorage_RunsOnAzurite_AndShowsTheLogsFromBlobs()
    {
        var run = await DurangoCli.RunAsync("run", Path.Combine(Samples, "hello.yaml"), "--log", "--storage", azurite.Server.ConnectionString, "--task-hub", AzuriteFixture.NewTaskHub("cli"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Status:              Succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("shout: hello world!", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--storage", "not-a-connection-string", "connection string")]
    [InlineData("--storage", "AccountName=x;BlobEndpoint=http://127.0.0.1:99999/x", "the storage connection string is not valid")]
    [InlineData("--task-hub", "no-dashes", "task hub name 'no-dashes'")]
    public async Task Run_WithAStorageSettingThatCannotWork_IsAUsageError(string option, string value, string expected)
    {
        string[] storage = option == "--storage" ? [] : ["--storage", azurite.Server.ConnectionString];
        var run = await DurangoCli.RunAsync(["run", Path.Combine(Samples, "hello.yaml"), .. storage, option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithStorageThatCannotBeReached_SaysSoInOneLine_AndRunsNothing()
    {
        var unreachable = System.Text.RegularExpressions.Regex.Replace(azurite.Server.ConnectionString, @"127\.0\.0\.1:\d+", "127.0.0.1:1");

        var run = await DurangoCli.RunAsync("run", Path.Combine(Samples, "hello.yaml"), "--storage", unreachable);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("durango: cannot reach Azure Storage at http://127.0.0.1:1", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("Eby8vdM02", run.Stderr, StringComparison.Ordinal);
    }
}
