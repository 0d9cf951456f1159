using DurableTask.Core;
using DurableTask.Core.History;
using Durango.Embedded;
using Durango.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// A retry's start under the id of an execution that ended with a message for it still waiting
/// (<see cref="RestartAfterRelease"/>), driven step by step as DTFx's dispatcher drives the in-memory service: the
/// order that left a workflow of <c>RetryAfterTerminateTests</c> Pending for ever (stop 18), made here every time.
/// </summary>
public sealed class RestartAfterReleaseTests
{
    private readonly InMemoryOrchestrationService _service = new(NullLoggerFactory.Instance);

    [Fact]
    public async Task Start_AfterAMessageCameLateForTheEndedExecution_OpensTheWorkItemAlone()
    {
        var restarts = new RestartAfterRelease(_service);
        var id = $"retried-{Guid.NewGuid():N}";

        await _service.CreateTaskOrchestrationAsync(Start(id, "first"));
        var first = await LockAsync(restarts);

        // While a dispatcher holds the first execution, a message for it arrives (a terminated child's end), and the
        // execution then ends: the service keeps the message and hands the instance out again when it is let go.
        await _service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = new SubOrchestrationInstanceFailedEvent(-1, 0, "terminated", null, null),
            OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "first" },
        });
        await EndAsync(restarts, first);
        await restarts.ReleaseTaskOrchestrationWorkItemAsync(first);

        // The retry starts the instance again before a dispatcher takes it.
        await restarts.WhenReleasedAsync(id);
        await _service.CreateTaskOrchestrationAsync(Start(id, "second"));

        var second = await LockAsync(restarts);
        Assert.Empty(second.OrchestrationRuntimeState.Events);
        var only = Assert.Single(second.NewMessages);
        var start = Assert.IsType<ExecutionStartedEvent>(only.Event);
        Assert.Equal("second", start.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task WorkItem_WithHistory_KeepsEveryMessage()
    {
        var restarts = new RestartAfterRelease(_service);
        var id = $"running-{Guid.NewGuid():N}";
        await _service.CreateTaskOrchestrationAsync(Start(id, "only"));
        var first = await LockAsync(restarts);
        first.OrchestrationRuntimeState.AddEvent(new OrchestratorStartedEvent(-1));
        first.OrchestrationRuntimeState.AddEvent(first.NewMessages[0].Event);
        await restarts.CompleteTaskOrchestrationWorkItemAsync(first, first.OrchestrationRuntimeState, [], [], [], null!, StateOf(first.OrchestrationRuntimeState));

        var events = Enumerable.Range(0, 2).Select(i => new TaskMessage
        {
            Event = new EventRaisedEvent(-1, $"\"{i}\"") { Name = "ping" },
            OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "only" },
        }).ToArray();
        await _service.SendTaskOrchestrationMessageBatchAsync(events);
        await restarts.ReleaseTaskOrchestrationWorkItemAsync(first);

        var next = await LockAsync(restarts);
        Assert.Equal(2, next.NewMessages.Count);
        Assert.All(next.NewMessages, m => Assert.IsType<EventRaisedEvent>(m.Event));
    }

    private static async Task<TaskOrchestrationWorkItem> LockAsync(RestartAfterRelease service)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        var workItem = await service.LockNextTaskOrchestrationWorkItemAsync(EngineHarness.Patience, patience.Token);
        Assert.NotNull(workItem);
        return workItem;
    }

    // What the dispatcher saves for a terminate: the start, then the end.
    private static Task EndAsync(RestartAfterRelease service, TaskOrchestrationWorkItem workItem)
    {
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(workItem.NewMessages[0].Event);
        state.AddEvent(new ExecutionCompletedEvent(-1, "terminated", OrchestrationStatus.Terminated));
        return service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [], [], [], null!, StateOf(state));
    }

    private static OrchestrationState StateOf(OrchestrationRuntimeState state) => new()
    {
        OrchestrationInstance = state.OrchestrationInstance,
        Name = state.Name,
        OrchestrationStatus = state.OrchestrationStatus,
        CreatedTime = DateTime.UtcNow,
        LastUpdatedTime = DateTime.UtcNow,
    };

    private static TaskMessage Start(string id, string executionId)
    {
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = executionId };
        return new TaskMessage { Event = new ExecutionStartedEvent(-1, null) { Name = "Workflow", OrchestrationInstance = instance }, OrchestrationInstance = instance };
    }
}
