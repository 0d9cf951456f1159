using System.Collections.Concurrent;
using Durango.Embedded;
using Durango.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// Extended sessions of the in-memory backend (<see cref="InMemorySessions"/>). The host here waits ten minutes for a
/// session's next message, so a message that went to the service instead of the session would wait that long (the
/// service hands an instance's messages out only once the instance is let go): each test would run out of patience.
/// </summary>
public sealed class InMemorySessionsTests : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<string, int> Starts = new();
    private EmbeddedDurableHost? _host;

    private DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync() =>
        _host = await EmbeddedDurableHost.StartInMemoryAsync(
            new ServiceCollection().BuildServiceProvider(),
            extraTasks: new TaskTypes(
                [(nameof(Chain), typeof(Chain)), (nameof(Waits), typeof(Waits)), (nameof(Sleeps), typeof(Sleeps)), (nameof(Parent), typeof(Parent)), (nameof(Restarts), typeof(Restarts))],
                [(nameof(Echo), typeof(Echo))]),
            extendedSessions: true,
            sessionIdleTimeout: TimeSpan.FromMinutes(10));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task AChainOfActivities_RunsOnOneExecutor_NotReplayedForEachResult()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 30);

        var end = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(30, end.ReadOutputAs<int>());
        // Without sessions the orchestrator starts once for its input and once more for each of the 30 results.
        Assert.Equal(1, Starts[id]);
    }

    [Fact]
    public async Task AnEventFromTheClient_ReachesAnOrchestrationWaitingInItsSession()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Waits));
        await WaitForSessionAsync(id);

        await Client.RaiseEventAsync(id, "go", 7);

        var end = await WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(7, end.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ATerminationFromTheClient_ReachesAnOrchestrationWaitingInItsSession()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Waits));
        await WaitForSessionAsync(id);

        await Client.TerminateInstanceAsync(id, "enough");

        var end = await WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, end.RuntimeStatus);
        Assert.Equal("enough", end.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ATimer_FiresIntoTheSession()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sleeps));

        var end = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(1, Starts[id]);
    }

    [Fact]
    public async Task AChildsEnd_ReachesItsParentsSession()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Parent), 5);

        var end = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(5 * 30, end.ReadOutputAs<int>());
        Assert.Equal(1, Starts[id]);
    }

    [Fact]
    public async Task ContinueAsNew_RunsTheNextExecutionInTheSameSession()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(Restarts), 4);

        var end = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(0, end.ReadOutputAs<int>());
        // One start per execution (five of them), none for a replay.
        Assert.Equal(5, Starts[id]);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string id)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
    }

    /// <summary>Until the orchestration's first turn is saved: it then waits in its session.</summary>
    private async Task WaitForSessionAsync(string id) =>
        await Eventually.HoldsAsync(async () => (await Client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the orchestration runs");

    /// <summary>Counts each time an orchestrator's code starts from its beginning: a new execution or a replay.</summary>
    private static void Started(TaskOrchestrationContext context) => Starts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);

    private sealed class Echo : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }

    private sealed class Chain : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int length)
        {
            Started(context);
            var sum = 0;
            for (var i = 0; i < length; i++)
            {
                sum += await context.CallActivityAsync<int>(nameof(Echo), 1);
            }

            return sum;
        }
    }

    private sealed class Waits : TaskOrchestrator<object?, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input) => await context.WaitForExternalEvent<int>("go");
    }

    private sealed class Sleeps : TaskOrchestrator<object?, bool>
    {
        public override async Task<bool> RunAsync(TaskOrchestrationContext context, object? input)
        {
            Started(context);
            await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            return true;
        }
    }

    private sealed class Parent : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int children)
        {
            Started(context);
            var sum = 0;
            for (var i = 0; i < children; i++)
            {
                sum += await context.CallSubOrchestratorAsync<int>(nameof(Chain), 30);
            }

            return sum;
        }
    }

    private sealed class Restarts : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int left)
        {
            Started(context);
            if (left > 0)
            {
                await context.CallActivityAsync<int>(nameof(Echo), left);
                context.ContinueAsNew(left - 1);
            }

            return left;
        }
    }
}
