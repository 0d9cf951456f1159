using Durango.Testing;
using Durango.Testing.Scenarios;

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

    /// <summary>
    /// Its Pending instance reads back without its input (MediumInputScenario): `run` read the workflow back right after
    /// starting it, and crashed with a JSON exception and a stack trace while the workflow went on.
    /// </summary>
    [Fact]
    public async Task Run_WithStorage_AWorkflowWhoseInputThePendingInstanceDoesNotGiveBack_Runs()
    {
        var file = Path.Combine(Path.GetTempPath(), $"medium-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, MediumInputScenario.Workflow("medium-"));
        try
        {
            var run = await DurangoCli.RunAsync("run", file, "--output", "json", "--storage", azurite.Server.ConnectionString, "--task-hub", AzuriteFixture.NewTaskHub("medium"));

            Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout[..Math.Min(2000, run.Stdout.Length)]);
            Assert.Contains("\"phase\": \"Succeeded\"", run.Stdout, StringComparison.Ordinal);
            Assert.Contains(MediumInputScenario.Payload, run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
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
