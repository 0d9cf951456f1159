using System.Globalization;
using Durango.Engine.Executors;
using Durango.Engine.Stores;
using Durango.Testing;

namespace Durango.Engine.Tests.Executors;

/// <summary>
/// The process runtime's spawn path on its own (no workflow around it): each step leads a process group and session
/// of its own, is PID 1 of its own PID namespace, gets a clean environment, default signal handling and a private
/// <c>/tmp</c> when it names one, and dies when it is cancelled or its host's reaper goes.
/// </summary>
public sealed class ProcessRuntimeTests : IDisposable
{
    private readonly string _root = Path.Combine("/var/tmp", "durango-spawn-tests", Guid.NewGuid().ToString("N"));
    private readonly StepReaper _reaper = new();
    private readonly ProcessContainerRuntime _runtime;
    private readonly FileLogStore _logs;

    public ProcessRuntimeTests()
    {
        _runtime = new ProcessContainerRuntime(Path.Combine(_root, "work"), _reaper);
        _logs = new FileLogStore(Path.Combine(_root, "logs"));
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _reaper.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task RunAsync_OutputErrorAndExitCode_AreTheStepsOwn()
    {
        var (result, log) = await RunAsync(["sh", "-c", "echo out; echo err >&2; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Contains("out\n", log, StringComparison.Ordinal);
        Assert.Contains("err\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Step_IsPidOneWithoutTheHostsVariablesAndWithDefaultSignals()
    {
        Environment.SetEnvironmentVariable("DURANGO_SPAWN_TEST_HOST_ONLY", "host");
        var (result, _) = await RunAsync(["sh", "-c", "echo pid=$$; env | cut -d= -f1 | sort | tr '\\n' ' '; echo; grep -E '^Sig(Blk|Ign)' /proc/self/status"]);

        var lines = result.Stdout.Split('\n');
        Assert.Equal("pid=1", lines[0]);
        Assert.DoesNotContain("DURANGO_SPAWN_TEST_HOST_ONLY", lines[1], StringComparison.Ordinal);
        Assert.Contains("TMPDIR", lines[1], StringComparison.Ordinal);
        // The host ignores SIGPIPE and blocks signals on some threads; a step starts with neither, for every standard
        // signal (1-31; glibc's posix_spawn leaves its two internal real-time signals, 32 and 33, ignored).
        Assert.Equal("SigBlk:\t0000000000000000", lines[2]);
        Assert.StartsWith("SigIgn:\t", lines[3], StringComparison.Ordinal);
        Assert.Equal(0UL, ulong.Parse(lines[3]["SigIgn:\t".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x7fffffffUL);
    }

    [Fact]
    public async Task RunAsync_StepNamesTmp_GetsAPrivateTmpAndItsFileIsReadBack()
    {
        var file = $"/tmp/durango-spawn-{Guid.NewGuid():N}";
        var (result, _) = await RunAsync(["sh", "-c", $"echo private > {file}; ls /tmp | wc -l"], outputs: [file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1", result.Stdout.Trim());
        Assert.Equal("private\n", result.OutputFiles[file]);
        Assert.False(File.Exists(file), "the host's /tmp is untouched");
    }

    [Fact]
    public async Task RunAsync_Step_LeadsItsOwnSessionAndGroup_AndCancellationKillsEverythingItStarted()
    {
        using var cancel = new CancellationTokenSource();
        var run = RunAsync(["sh", "-c", "setsid sleep 4714 & sleep 4713"], cancellationToken: cancel.Token);
        var step = await Eventually.ValueAsync(() => Task.FromResult(HostProcesses.Find("sleep", "4713")), "the step's process");
        await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "4714"), "the process the step started in a session of its own");

        // The session and group the spawn made: led by the process the runtime started, not by the host's.
        var (group, session) = GroupAndSession(step!.Value);
        Assert.Equal(group, session);
        Assert.NotEqual(GroupAndSession(Environment.ProcessId).Session, session);
        Assert.True(HostProcesses.IsDescendant(step.Value, session), "the step runs under its session's leader");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await Eventually.HoldsAsync(() => !HostProcesses.Running("sleep", "4713") && !HostProcesses.Running("sleep", "4714"), "every process of the step to end");
    }

    [Fact]
    public async Task ReaperDisposed_WhileAStepRuns_TheStepDies()
    {
        var run = RunAsync(["sleep", "4715"]);
        await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "4715"), "the step's process");

        // What happens when the host goes, even by kill -9: the watcher's input closes and it kills every registered group.
        _reaper.Dispose();

        var (result, _) = await run;
        Assert.Equal(128 + 9, result.ExitCode);
        Assert.False(HostProcesses.Running("sleep", "4715"));
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_IsAStartErrorNamingIt()
    {
        var error = await Assert.ThrowsAsync<ContainerStartException>(() => RunAsync(["no-such-command-4716"]));

        Assert.Contains("no-such-command-4716", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ManySteps_LeaveNoWorkFolderBehind()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RunAsync(["sh", "-c", $"echo {i} > file"], pod: $"pod-{i}")));

        var folders = Path.Combine(_root, "work", "steps");
        var home = Assert.Single(Directory.EnumerateDirectories(folders));
        Assert.Empty(Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories));
        _runtime.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(folders));
    }

    [Fact]
    public async Task RunAsync_AStepThatLeavesItsFolderAsItFoundIt_HandsItToTheNextStep()
    {
        var (first, _) = await RunAsync(["pwd"]);
        var (second, _) = await RunAsync(["sh", "-c", "pwd; ls -A"], pod: "another-pod");

        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task RunAsync_AStepThatLeavesAFile_GetsItsFolderDeletedAndTheNextStepAnEmptyOne()
    {
        var (first, _) = await RunAsync(["sh", "-c", "pwd; mkdir .hidden; echo x > .hidden/left"]);
        var (second, _) = await RunAsync(["sh", "-c", "pwd; ls -A"]);

        var folder = first.Stdout.Trim();
        Assert.False(Directory.Exists(folder));
        Assert.NotEqual(folder, second.Stdout.Trim());
        Assert.Single(second.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task RunAsync_AStepThatChangesItsFoldersMode_DoesNotHandItOn()
    {
        var (first, _) = await RunAsync(["sh", "-c", "pwd; chmod 0701 ."]);
        var (second, _) = await RunAsync(["pwd"]);

        Assert.NotEqual(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task RunAsync_AStepThatPutsALinkInPlaceOfItsFolder_DoesNotHandTheLinkOn()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        var (first, _) = await RunAsync(["sh", "-c", $"d=$(pwd); cd /; rmdir \"$d\" && ln -s {elsewhere} \"$d\" && echo $d"]);
        var (second, _) = await RunAsync(["pwd"]);

        Assert.NotEqual(first.Stdout, second.Stdout);
        Assert.True(Directory.Exists(elsewhere));
    }

    [Fact]
    public async Task RunAsync_StepsAtOnce_EachHaveAFolderOfTheirOwn()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RunAsync(["sh", "-c", "pwd; sleep 0.3"], pod: $"pod-{i}")));

        Assert.Equal(8, results.Select(r => r.Result.Stdout).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task FirstStep_DeletesTheFoldersOfAHostKilledWithMinus9_AndKeepsALiveHostsUntilItDies()
    {
        var steps = Directory.CreateDirectory(Path.Combine(_root, "work", "steps")).FullName;
        // What a host killed with -9 leaves: its home, a step's folder with a file in it, and its claim, which the
        // kernel unlocked when the host died.
        var dead = Path.Combine(steps, "4242-0123456789abcdefghi");
        Directory.CreateDirectory(Path.Combine(dead, "1"));
        await File.WriteAllTextAsync(Path.Combine(dead, "1", "left"), "x");
        await File.WriteAllTextAsync(dead + ".lock", "");
        // A host alive in another process (as in another PID namespace): flock(1) holds its claim until killed with -9.
        var live = Path.Combine(steps, "4343-0123456789abcdefghi");
        Directory.CreateDirectory(Path.Combine(live, "1"));
        await File.WriteAllTextAsync(live + ".lock", "");
        using var host = System.Diagnostics.Process.Start("flock", ["--close", live + ".lock", "sleep", "60"]);
        await Eventually.HoldsAsync(() => !CanLock(live + ".lock"), "the other host's claim is held");
        // A home without a claim, as a build before claims left it: not known to be dead, so kept.
        var unclaimed = Directory.CreateDirectory(Path.Combine(steps, "4444-0123456789abcdefghi")).FullName;

        await RunAsync(["true"]);

        Assert.False(Directory.Exists(dead));
        Assert.False(File.Exists(dead + ".lock"));
        Assert.True(Directory.Exists(Path.Combine(live, "1")));
        Assert.True(Directory.Exists(unclaimed));

        host.Kill();
        await host.WaitForExitAsync();
        using (var next = new ProcessContainerRuntime(Path.Combine(_root, "work"), _reaper))
        {
            await RunAsync(["true"], runtime: next);
            Assert.False(Directory.Exists(live));
            Assert.False(File.Exists(live + ".lock"));
            Assert.True(Directory.Exists(unclaimed));
        }

        // Each runtime deletes its own home and claim when disposed: the first one's still stand, beside the unclaimed.
        Assert.Equal(3, Directory.EnumerateFileSystemEntries(steps).Count());
    }

    [Fact]
    public async Task Runtime_HoldsItsClaimWhileItLives_AndNoOtherRuntimeSweepsItsFolders()
    {
        var (first, _) = await RunAsync(["pwd"]);
        var home = Path.GetDirectoryName(first.Stdout.Trim())!;

        Assert.False(CanLock(home + ".lock"));
        using (var other = new ProcessContainerRuntime(Path.Combine(_root, "work"), _reaper))
        {
            await RunAsync(["true"], runtime: other);
        }

        Assert.True(Directory.Exists(home));
        _runtime.Dispose();
        Assert.False(Directory.Exists(home));
        Assert.False(File.Exists(home + ".lock"));
    }

    private static bool CanLock(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<(ContainerResult Result, string Log)> RunAsync(
        IReadOnlyList<string> command, IReadOnlyList<string>? outputs = null, string pod = "pod", ProcessContainerRuntime? runtime = null,
        CancellationToken cancellationToken = default)
    {
        var log = new NodeLog(_logs, "wf", pod, []);
        ContainerResult result;
        await using (log.ConfigureAwait(false))
        {
            var request = new ContainerRequest("wf", pod, "alpine", command, [], [], null, null, new Dictionary<string, string>(), outputs ?? [], log);
            result = await (runtime ?? _runtime).RunAsync(request, cancellationToken);
        }

        var chunk = await _logs.ReadAsync("wf", pod, 0, cancellationToken: CancellationToken.None);
        return (result, chunk.Text);
    }

    private static (int Group, int Session) GroupAndSession(int pid)
    {
        // "pid (comm) S ppid pgrp session ...": parse after the last ')', since comm may hold anything.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
