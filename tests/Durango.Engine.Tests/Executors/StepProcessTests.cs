using Durango.Engine.Executors.Spawning;

namespace Durango.Engine.Tests.Executors;

/// <summary>Both ways a step is started: <c>posix_spawn</c> with a session of its own, and .NET's <c>Process</c> where that is missing.</summary>
public sealed class StepProcessTests
{
    private static readonly StepLaunch Launch = new(
        ["/bin/sh", "-c", "echo out; echo err >&2; echo \"dir=$PWD var=$ONLY\"; read -r line || echo stdin-empty; exit 4"],
        "/var/tmp",
        new Dictionary<string, string> { ["ONLY"] = "this", ["PATH"] = "/usr/bin:/bin" });

    [Fact]
    public async Task SpawnedStep_RunsWithItsDirectoryEnvironmentAndEmptyInput_ExitCodeAndOutputsAreItsOwn()
    {
        Assert.True(SpawnedStep.IsSupported, "Linux with glibc: the spawn path the runtime uses here");
        using var step = SpawnedStep.Start(Launch);

        await AssertRanAsync(step);
    }

    [Fact]
    public async Task ManagedStep_TheFallback_BehavesTheSame()
    {
        using var step = ManagedStep.Start(Launch);

        await AssertRanAsync(step);
    }

    [Fact]
    public void SpawnedStep_NoSuchProgram_ThrowsWin32Exception()
    {
        Assert.Throws<System.ComponentModel.Win32Exception>(() => SpawnedStep.Start(Launch with { Argv = ["/no/such/program-4718"] }));
    }

    private static async Task AssertRanAsync(StepProcess step)
    {
        using var output = new StreamReader(step.StandardOutput);
        using var error = new StreamReader(step.StandardError);
        var (stdout, stderr) = (await output.ReadToEndAsync(), await error.ReadToEndAsync());

        Assert.Equal(4, await step.WaitForExitAsync());
        Assert.Equal("out\ndir=/var/tmp var=this\nstdin-empty\n", stdout);
        Assert.Equal("err\n", stderr);
    }
}
