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
        Assert.Contains("Status:         Succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("shout: hello world!", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--storage", "not-a-connection-string", "connection string")]
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
}
