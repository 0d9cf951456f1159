using Durango.Core.Spec;
using Durango.Engine.Locks;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public class SynchronizationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Upstream workflow/sync/lock_name.go: <c>ns/Mutex/name</c>, <c>ns/ConfigMap/name/key</c>, namespace defaulted.</summary>
    [Fact]
    public void Locks_NamesAsUpstream_InKeyOrder_WithoutRepeats()
    {
        var sync = new Synchronization
        {
            Mutexes = [new MutexRef("welcome"), new MutexRef("other", "team"), new MutexRef("welcome")],
            Semaphores = [new SemaphoreRef(new ConfigMapKeyRef("my-config", "template"))],
        };

        var locks = SynchronizationRules.Locks(sync, "argo");

        Assert.Equal(["argo/ConfigMap/my-config/template", "argo/Mutex/welcome", "team/Mutex/other"], locks.Select(l => l.Key));
        Assert.False(locks[0].IsMutex);
        Assert.True(locks[1].IsMutex);
    }

    /// <summary>Upstream workflow/sync/sync_manager.go getHolderKey, and semaphore.go's waiting message (free/limit).</summary>
    [Fact]
    public void HolderKeyAndWaitingMessage_AreUpstreams()
    {
        Assert.Equal("argo/wf", SynchronizationRules.HolderKey("argo", "wf", null));
        Assert.Equal("argo/wf/wf-123", SynchronizationRules.HolderKey("argo", "wf", "wf-123"));
        Assert.Equal("Waiting for argo/Mutex/workflow lock. Lock status: 0/1", SynchronizationRules.WaitingMessage("argo/Mutex/workflow", 1, 1));
        Assert.Equal("Waiting for argo/ConfigMap/c/k lock. Lock status: 1/3", SynchronizationRules.WaitingMessage("argo/ConfigMap/c/k", 2, 3));
    }

    [Fact]
    public void InstanceId_EscapesWhatInstanceIdsMayNotHold()
    {
        var id = SynchronizationRules.InstanceId("argo/Mutex/a#b?c");

        Assert.Equal("lock:argo%2FMutex%2Fa%23b%3Fc", id);
    }

    [Theory]
    [InlineData(null, null, 0, "has no limit: set Durango:Semaphores:c:k or ConfigMaps:c:k")]
    [InlineData("3", "9", 3, null)]
    [InlineData(null, " 4 ", 4, null)]
    [InlineData(null, "0", 0, "not a positive number")]
    [InlineData("x", "2", 0, "not a positive number")]
    public void Limit_DurangoSettingWinsOverTheConfigMap_AndMustBePositive(string? setting, string? configMap, int limit, string? error)
    {
        var (got, message) = SynchronizationRules.Limit(new LockRef("argo/ConfigMap/c/k", new ConfigMapKeyRef("c", "k")), setting, configMap);

        Assert.Equal(limit, got);
        if (error is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(error, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Limit_OfAMutex_IsOne() => Assert.Equal((1, null), SynchronizationRules.Limit(new LockRef("argo/Mutex/m", null), null, null));

    /// <summary>Upstream multi_throttler.go priorityQueue.Less: higher priority first, then earlier creation.</summary>
    [Fact]
    public void Queue_ServesHigherPriorityThenEarlierCreationThenArrival()
    {
        var state = new LockState("argo/Mutex/m", 1, [Holder("h", 0, T0)], []);
        state = LockQueue.Acquire(state, Request(Holder("late-low", 0, T0.AddMinutes(2)))).State;
        state = LockQueue.Acquire(state, Request(Holder("early-low", 0, T0.AddMinutes(1)))).State;
        state = LockQueue.Acquire(state, Request(Holder("late-high", 5, T0.AddMinutes(3)))).State;
        state = LockQueue.Acquire(state, Request(Holder("early-low-second", 0, T0.AddMinutes(1)))).State;

        var order = new List<string>();
        var holder = "h";
        for (var i = 0; i < 4; i++)
        {
            var step = LockQueue.Release(state, holder);
            holder = Assert.Single(step.Granted).Holder;
            order.Add(holder);
            state = step.State;
        }

        Assert.Equal(["late-high", "early-low", "early-low-second", "late-low"], order);
    }

    [Fact]
    public void Acquire_UpToTheLimit_GrantsThenQueues_AndAHolderAskingAgainKeepsItsHold()
    {
        var state = new LockState("argo/ConfigMap/c/k", 2, [], []);

        var a = LockQueue.Acquire(state, Request(Holder("a", 0, T0), limit: 2));
        var b = LockQueue.Acquire(a.State, Request(Holder("b", 0, T0), limit: 2));
        var c = LockQueue.Acquire(b.State, Request(Holder("c", 0, T0), limit: 2));
        var again = LockQueue.Acquire(c.State, Request(Holder("a", 0, T0), limit: 2));

        Assert.Equal("a", Assert.Single(a.Granted).Holder);
        Assert.Equal("b", Assert.Single(b.Granted).Holder);
        Assert.Empty(c.Granted);
        Assert.Equal("c", c.Queued?.Holder);
        Assert.Equal("a", Assert.Single(again.Granted).Holder);
        Assert.Equal(["a", "b"], again.State.Holders.Select(h => h.Holder));
        Assert.Equal(["c"], again.State.Waiters.Select(h => h.Holder));
    }

    [Fact]
    public void Acquire_WithARaisedLimit_GrantsWaitersAtOnce()
    {
        var state = new LockState("argo/ConfigMap/c/k", 1, [Holder("a", 0, T0)], [Holder("b", 0, T0) with { Seq = 1 }], 1);

        var step = LockQueue.Acquire(state, Request(Holder("c", 0, T0), limit: 3));

        Assert.Equal(["b", "c"], step.Granted.Select(g => g.Holder));
        Assert.Null(step.Queued);
    }

    [Fact]
    public void Release_OfAWaiter_LeavesTheQueueWithoutGrantingIt()
    {
        var state = new LockState("argo/Mutex/m", 1, [Holder("a", 0, T0)], [Holder("b", 0, T0) with { Seq = 1 }], 1);

        var step = LockQueue.Release(state, "b");

        Assert.Empty(step.Granted);
        Assert.Empty(step.State.Waiters);
        Assert.Equal(["a"], step.State.Holders.Select(h => h.Holder));
    }

    [Fact]
    public void Forget_EndedWorkflows_FreesTheirHoldsAndGrantsTheNext()
    {
        var state = new LockState("argo/Mutex/m", 1, [Holder("argo/dead/n1", 0, T0, "dead")], [Holder("argo/live", 0, T0, "live") with { Seq = 1 }], 1);

        var step = LockQueue.Forget(state, ["dead"]);

        Assert.Equal("argo/live", Assert.Single(step.Granted).Holder);
        Assert.Equal(["argo/live"], step.State.Holders.Select(h => h.Holder));
    }

    [Fact]
    public void Acquire_SentAgainWithANewTicket_KeepsThePlaceAndAnswersOnTheNewTicket()
    {
        var state = new LockState("argo/Mutex/m", 1, [], []);
        var a = LockQueue.Acquire(state, Request(Holder("a", 0, T0) with { Ticket = "t1" }));
        var b = LockQueue.Acquire(a.State, Request(Holder("b", 0, T0) with { Ticket = "t1" }));
        var c = LockQueue.Acquire(b.State, Request(Holder("c", 0, T0) with { Ticket = "t1" }));

        var bAgain = LockQueue.Acquire(c.State, Request(Holder("b", 0, T0) with { Ticket = "t2" }));
        var aAgain = LockQueue.Acquire(bAgain.State, Request(Holder("a", 0, T0) with { Ticket = "t3" }));
        var next = LockQueue.Release(aAgain.State, "a");

        Assert.Equal("t2", bAgain.Queued?.Ticket);
        Assert.Equal("t3", Assert.Single(aAgain.Granted).Ticket);
        Assert.Equal("t3", Assert.Single(aAgain.State.Holders).Ticket);
        var granted = Assert.Single(next.Granted);
        Assert.Equal(("b", "t2"), (granted.Holder, granted.Ticket));
        Assert.Equal(["c"], next.State.Waiters.Select(w => w.Holder));
    }

    [Fact]
    public void IsIdle_OnlyWithoutHoldersAndWaiters()
    {
        var empty = new LockState("argo/Mutex/m", 1, [], []);
        var held = LockQueue.Acquire(empty, Request(Holder("a", 0, T0)));
        var released = LockQueue.Release(held.State, "a");

        Assert.True(LockQueue.IsIdle(empty));
        Assert.False(LockQueue.IsIdle(held.State));
        Assert.True(LockQueue.IsIdle(released.State));
    }

    [Fact]
    public void ReplyEvent_DiffersByTicket()
    {
        Assert.NotEqual(LockTasks.ReplyEvent("argo/Mutex/m", "argo/wf/n", "t1"), LockTasks.ReplyEvent("argo/Mutex/m", "argo/wf/n", "t2"));
    }

    /// <summary>Upstream operator.go substituteGlobalVariables / processedTmpl: lock names are substituted before the locks are taken.</summary>
    [Fact]
    public void Substitute_ReplacesMutexNamesAndSemaphoreRefs_OrNamesTheUnresolvedTag()
    {
        var sync = new Synchronization
        {
            Mutexes = [new MutexRef("m-{{workflow.parameters.x}}")],
            Semaphores = [new SemaphoreRef(new ConfigMapKeyRef("{{workflow.parameters.x}}-cm", "{{inputs.parameters.k}}"))],
        };
        var variables = new Dictionary<string, string> { ["workflow.parameters.x"] = "one", ["inputs.parameters.k"] = "key" };

        var (substituted, error) = SynchronizationRules.Substitute(sync, variables);
        var (_, unresolved) = SynchronizationRules.Substitute(sync, new Dictionary<string, string> { ["workflow.parameters.x"] = "one" });

        Assert.Null(error);
        Assert.Equal(["argo/ConfigMap/one-cm/key", "argo/Mutex/m-one"], SynchronizationRules.Locks(substituted, "argo").Select(l => l.Key));
        Assert.Contains("failed to resolve {{inputs.parameters.k}}", unresolved ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Upstream workflow_types.go MutexStatus/SemaphoreStatus: holding lists this workflow's holders, waiting the current ones.</summary>
    [Fact]
    public void Status_ShowsWhatTheWorkflowHoldsAndWhoHoldsWhatItWaitsFor()
    {
        var mutex = new LockRef("argo/Mutex/m", null);
        var semaphore = new LockRef("argo/ConfigMap/c/k", new ConfigMapKeyRef("c", "k"));
        var mutexState = new LockState(mutex.Key, 1, [Holder("argo/wf/n1", 0, T0, "wf")], []);
        var semaphoreState = new LockState(semaphore.Key, 1, [Holder("argo/other", 0, T0, "other")], [Holder("argo/wf/n2", 0, T0, "wf")]);

        var status = SynchronizationRules.Status("wf", [(mutex, mutexState), (semaphore, semaphoreState)])!;

        Assert.Equal(new MutexHolding("argo/Mutex/m", "argo/wf/n1"), Assert.Single(status.Mutex!.Holding!));
        Assert.Null(status.Mutex.Waiting);
        Assert.Null(status.Semaphore!.Holding);
        var waiting = Assert.Single(status.Semaphore.Waiting!);
        Assert.Equal("argo/ConfigMap/c/k", waiting.Semaphore);
        Assert.Equal(["argo/other"], waiting.Holders);
        Assert.Null(SynchronizationRules.Status("nobody", [(mutex, mutexState)]));
    }

    private static LockHolder Holder(string holder, int priority, DateTimeOffset created, string workflow = "wf") =>
        new(holder, workflow, "reply-" + holder, priority, created);

    private static LockRequest Request(LockHolder holder, int limit = 1) => new(LockRequestKind.Acquire, holder, limit);
}
