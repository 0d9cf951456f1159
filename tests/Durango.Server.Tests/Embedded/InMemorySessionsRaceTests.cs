using DurableTask.Core;
using DurableTask.Core.History;
using Durango.Embedded;
using Durango.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// A message that reaches the in-memory service after it handed an instance to a dispatcher and before
/// <see cref="InMemorySessions"/> opened a session for it, made here every time: the service holds such a message
/// until the instance is let go, where a session would not see it and would wait beside it until its idle timeout.
/// </summary>
public sealed class InMemorySessionsRaceTests
{
    [Fact]
    public async Task AMessageLeftInTheService_KeepsTheWorkItemOutOfASession_AndComesWithTheNext()
    {
        var id = $"raced-{Guid.NewGuid():N}";
        var memory = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        var late = Message(id, new EventRaisedEvent(-1, "\"late\"") { Name = "ping" });
        InMemorySessions? sessions = null;
        sessions = new InMemorySessions(new AfterLock(memory, () => sessions!.SendAsync(late)), memory, TimeSpan.FromMinutes(10));
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = "only" };
        await memory.CreateTaskOrchestrationAsync(new TaskMessage
        {
            Event = new ExecutionStartedEvent(-1, null) { Name = "Workflow", OrchestrationInstance = instance },
            OrchestrationInstance = instance,
        });

        var first = await LockAsync(sessions);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(first.NewMessages).Event);
        Assert.Null(first.Session);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(first);

        var second = await LockAsync(sessions);
        Assert.Same(late, Assert.Single(second.NewMessages));
        Assert.NotNull(second.Session);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(second);
    }

    private static async Task<TaskOrchestrationWorkItem> LockAsync(InMemorySessions service)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        return await service.LockNextTaskOrchestrationWorkItemAsync(EngineHarness.Patience, patience.Token);
    }

    private static TaskMessage Message(string id, HistoryEvent @event) =>
        new() { OrchestrationInstance = new OrchestrationInstance { InstanceId = id }, Event = @event };

    /// <summary>Runs <paramref name="between"/> once, after the service hands out a work item and before the caller sees it.</summary>
    private sealed class AfterLock(IOrchestrationService inner, Func<Task> between) : OrchestrationServiceDecorator(inner)
    {
        private Func<Task>? _between = between;

        public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        {
            var workItem = await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
            if (Interlocked.Exchange(ref _between, null) is { } once)
            {
                await once();
            }

            return workItem;
        }
    }
}
