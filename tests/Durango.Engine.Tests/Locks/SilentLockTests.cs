using System.Collections.Concurrent;
using Durango.Api.Locks;
using Durango.Api.Workflows;
using Durango.Engine.Executors;
using Durango.Engine.Locks;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Locks;

/// <summary>
/// A lock whose orchestration does not answer at first (real engine, in-memory backend, process runtime): the test
/// starts the lock's orchestration itself and suspends it with Durable's suspend, so acquires reach it and wait
/// unheard, as at a slow lock; or it holds an asker's open back until the lock has ended idle, so the acquire that
/// follows reaches an ended instance and is dropped. Askers send an unanswered acquire again every
/// <c>Durango:LockResendInterval</c> (2 s here), opening the lock first; the opens are counted on their way to the real
/// backend, so a test knows that an asker has sent again. Holders record their start and end in a file.
/// </summary>
public sealed class SilentLockTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/var/tmp", "durango-silent-lock-tests", Guid.NewGuid().ToString("N"));
    private const string LostKey = "argo/ConfigMap/silent/lost";
    private readonly ConcurrentDictionary<string, int> _opens = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstLostOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EngineHarness? _engine;

    private EngineHarness Engine => _engine!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _engine = await EngineHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["ConfigMaps:silent:lost"] = "1",
                ["ConfigMaps:silent:slow"] = "1",
                ["Durango:LockResendInterval"] = "00:00:02",
                ["Durango:LockCheckInterval"] = "00:00:01",
                ["Durango:LockIdleTimeout"] = "00:00:01",
            },
            services: s => s.AddSingleton<ILockBackend>(sp => new CountedLockBackend(
                new LockBackend(sp, sp.GetRequiredService<IConfigMapStore>()), _opens, LostKey, _firstLostOpen.Task)));
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// The acquire is lost: the lock's orchestration ends idle between the asker's open and its acquire (the race the
    /// resend exists for), and the acquire reaches an ended instance, which drops it. The first open is held back until
    /// the lock has ended. Nothing but the asker's resend starts the lock again (its open finds no live orchestration)
    /// and asks again: the asker holds the semaphore, runs its step once and gives the semaphore back.
    /// </summary>
    [Fact]
    public async Task AcquireLostAsTheLockEndedIdle_TheAskerOpensTheLockAgainAndAsksAgain_RunsOnceAndGivesItBack()
    {
        var record = Path.Combine(_dir, "lost.log");
        var name = await Engine.SubmitAsync(Holders("lost-", "lost", record, count: 1));

        await Eventually.HoldsAsync(() => Opens(LostKey) >= 1, "the asker opens the lock");
        await Eventually.HoldsAsync(
            async () => await Engine.Client.GetInstancesAsync(SynchronizationRules.InstanceId(LostKey)) is { IsCompleted: true },
            "the lock ends idle");
        _firstLostOpen.SetResult();

        var view = await Engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(Opens(LostKey) >= 2, $"opened {Opens(LostKey)} times");
        Assert.Equal([$"start {name}-0", $"end {name}-0"], File.ReadAllLines(record));
        await LockIsFreeAsync(LostKey);
    }

    /// <summary>
    /// The acquires are late: four holders of a semaphore of 1 each send their acquire several times while the lock is
    /// silent, then it hears them all at once. Each holder is granted once and runs once, and no two run at once: a
    /// repeated acquire keeps its asker's place and is never a second hold.
    /// </summary>
    [Fact]
    public async Task LateAcquires_SentSeveralTimes_EachHolderRunsOnce_NeverTwoAtOnce()
    {
        const string key = "argo/ConfigMap/silent/slow";
        var lockId = await SilenceAsync(key);
        var record = Path.Combine(_dir, "slow.log");
        var name = await Engine.SubmitAsync(Holders("slow-", "slow", record, count: 4));

        // Four first opens and at least eight more: the askers have sent again about twice each.
        await Eventually.HoldsAsync(() => Opens(key) >= 12, "the askers send their acquires again");
        await Engine.Client.ResumeInstanceAsync(lockId);

        var view = await Engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var lines = File.ReadAllLines(record);
        Assert.Equal(8, lines.Length);
        for (var i = 0; i < lines.Length; i += 2)
        {
            Assert.StartsWith("start ", lines[i], StringComparison.Ordinal);
            Assert.Equal("end " + lines[i]["start ".Length..], lines[i + 1]);
        }

        Assert.Equal(4, lines.Where(l => l.StartsWith("start ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count());
        await LockIsFreeAsync(key);
    }

    /// <summary>
    /// A workflow with a workflow-level mutex is Pending, without startedAt, until it holds the mutex (upstream keeps it
    /// Pending until the lock is acquired and sets startedAt when it runs), also before the lock has answered at all;
    /// then it runs.
    /// </summary>
    [Fact]
    public async Task WorkflowLevelLock_NotYetAnswered_WorkflowIsPendingWithoutStartedAt_ThenRuns()
    {
        const string key = "argo/Mutex/silent-wf";
        var lockId = await SilenceAsync(key);
        var name = await Engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: silentwf-}
            spec:
              entrypoint: main
              synchronization: {mutex: {name: silent-wf}}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, ran]}
            """);

        // Opened twice: the root has been waiting for an answer for a resend interval.
        await Eventually.HoldsAsync(() => Opens(key) >= 2, "the workflow sends its acquire again");
        var waiting = (await Engine.Workflows.GetAsync(name))!;
        Assert.Equal(WorkflowPhase.Pending, waiting.Status.Phase);
        Assert.Null(waiting.Status.StartedAt);
        Assert.False(waiting.HasNode(name), "no node runs before the workflow holds its lock");
        var listed = Assert.Single((await Engine.Workflows.ListAsync(WorkflowFilter.All)).Items!, w => w.Metadata.Name == name);
        Assert.Equal(WorkflowPhase.Pending, listed.Status.Phase);

        await Engine.Client.ResumeInstanceAsync(lockId);
        var view = await Engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.NotNull(view.Status.StartedAt);
        Assert.Equal("ran", view.Node(name).Outputs?.Result);
    }

    private int Opens(string key) => _opens.GetValueOrDefault(key);

    /// <summary>Starts lock <paramref name="key"/>'s orchestration, free, and suspends it; returns its instance id.</summary>
    private async Task<string> SilenceAsync(string key)
    {
        var id = SynchronizationRules.InstanceId(key);
        await Engine.Client.ScheduleNewOrchestrationInstanceAsync(LockTasks.Orchestrator, new LockState(key, 1, [], []), new StartOrchestrationOptions(id));
        await Engine.Client.SuspendInstanceAsync(id, "silent at first");
        await Eventually.HoldsAsync(
            async () => await Engine.Client.GetInstancesAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Suspended }, $"{id} suspended");
        return id;
    }

    /// <summary>Waits until lock <paramref name="key"/> shows nobody holding or waiting (or has ended idle).</summary>
    private Task LockIsFreeAsync(string key) => Eventually.HoldsAsync(
        async () => await Engine.Client.GetInstancesAsync(SynchronizationRules.InstanceId(key), getInputsAndOutputs: true) is { } lockInstance
            && (lockInstance.IsCompleted || lockInstance.ReadCustomStatusAs<LockState>() is { Holders.Count: 0, Waiters.Count: 0 }),
        $"{key} free");

    /// <summary>One step group of <paramref name="count"/> holders of semaphore <c>silent/{slot}</c> (limit 1).</summary>
    private static string Holders(string prefix, string slot, string record, int count) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{{prefix}}}}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: hold
                    template: hold
                    arguments: {parameters: [{name: id, value: "{{workflow.name}}-{{item}}"}]}
                    withSequence: {count: "{{{count}}}"}
            - name: hold
              inputs: {parameters: [{name: id}]}
              synchronization:
                semaphores:
                  - configMapKeyRef: {name: silent, key: {{{slot}}}}
              container:
                image: alpine
                command: [sh, -c, "echo start {{inputs.parameters.id}} >> {{{record}}}; sleep 0.2; echo end {{inputs.parameters.id}} >> {{{record}}}"]
        """;

    /// <summary>
    /// The real lock backend, counting how often each lock is opened (an asker opens before each acquire it sends); the
    /// first open of <paramref name="heldKey"/> returns only once <paramref name="held"/> completes, as a slow activity does.
    /// </summary>
    private sealed class CountedLockBackend(ILockBackend inner, ConcurrentDictionary<string, int> opens, string heldKey, Task held) : ILockBackend
    {
        public async Task<LockOpenResult> OpenAsync(LockOpenInput input, CancellationToken cancellationToken = default)
        {
            var first = false;
            foreach (var lockRef in input.Locks)
            {
                first |= opens.AddOrUpdate(lockRef.Key, 1, (_, n) => n + 1) == 1 && lockRef.Key == heldKey;
            }

            var result = await inner.OpenAsync(input, cancellationToken);
            if (first)
            {
                await held.WaitAsync(cancellationToken);
            }

            return result;
        }

        public Task<List<string>> EndedAsync(IReadOnlyList<string> workflows, CancellationToken cancellationToken = default) =>
            inner.EndedAsync(workflows, cancellationToken);
    }
}
