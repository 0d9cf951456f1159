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
    private readonly InMemoryOrchestrationService _service;
    private readonly RestartAfterRelease _restarts;

    public RestartAfterReleaseTests()
    {
        _service = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        _restarts = new RestartAfterRelease(_service);
    }

    [Fact]
    public async Task Start_AfterAMessageCameLateForTheEndedExecution_OpensTheWorkItemAlone()
    {
        var id = $"retried-{Guid.NewGuid():N}";
        var first = await StartAsync(id, "first");

        // While a dispatcher holds the first execution, a message for it arrives (a terminated child's end), and the
        // execution then ends: the service keeps the message and hands the instance out again when it is let go.
        await _service.SendTaskOrchestrationMessageAsync(Message(id, "first", new SubOrchestrationInstanceFailedEvent(-1, 0, "terminated", null, null)));
        var state = Played(first);
        state.AddEvent(new ExecutionCompletedEvent(-1, "terminated", OrchestrationStatus.Terminated));
        await _restarts.CompleteTaskOrchestrationWorkItemAsync(first, state, [], [], [], null!, StateOf(state));
        await _restarts.ReleaseTaskOrchestrationWorkItemAsync(first);

        // The retry starts the instance again before a dispatcher takes it.
        await _restarts.WhenReleasedAsync(id);
        var second = await StartAsync(id, "second");

        Assert.Empty(second.OrchestrationRuntimeState.Events);
        var only = Assert.Single(second.NewMessages);
        var start = Assert.IsType<ExecutionStartedEvent>(only.Event);
        Assert.Equal("second", start.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task WorkItem_WithHistory_KeepsEveryMessage()
    {
        var id = $"running-{Guid.NewGuid():N}";
        var first = await StartAsync(id, "only");
        var state = Played(first);
        await _restarts.CompleteTaskOrchestrationWorkItemAsync(first, state, [], [], [], null!, StateOf(state));

        await _service.SendTaskOrchestrationMessageBatchAsync(
            [.. Enumerable.Range(0, 2).Select(i => Message(id, "only", new EventRaisedEvent(-1, $"\"{i}\"") { Name = "ping" }))]);
        await _restarts.ReleaseTaskOrchestrationWorkItemAsync(first);

        var next = await LockAsync();
        Assert.Equal(2, next.NewMessages.Count);
        Assert.All(next.NewMessages, m => Assert.IsType<EventRaisedEvent>(m.Event));
    }

    // Starts execution executionId of instance id and takes the work item that runs it.
    private async Task<TaskOrchestrationWorkItem> StartAsync(string id, string executionId)
    {
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = executionId };
        await _service.CreateTaskOrchestrationAsync(new TaskMessage
        {
            Event = new ExecutionStartedEvent(-1, null) { Name = "Workflow", OrchestrationInstance = instance },
            OrchestrationInstance = instance,
        });
        return await LockAsync();
    }

    private async Task<TaskOrchestrationWorkItem> LockAsync()
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        var workItem = await _restarts.LockNextTaskOrchestrationWorkItemAsync(EngineHarness.Patience, patience.Token);
        Assert.NotNull(workItem);
        return workItem;
    }

    // What the dispatcher adds as it runs a work item that starts its instance: the turn's start, then the start.
    private static OrchestrationRuntimeState Played(TaskOrchestrationWorkItem workItem)
    {
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(workItem.NewMessages[0].Event);
        return state;
    }

    private static TaskMessage Message(string id, string executionId, HistoryEvent @event) =>
        new() { Event = @event, OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = executionId } };

    private static OrchestrationState StateOf(OrchestrationRuntimeState state) => new()
    {
        OrchestrationInstance = state.OrchestrationInstance,
        Name = state.Name,
        OrchestrationStatus = state.OrchestrationStatus,
        CreatedTime = DateTime.UtcNow,
        LastUpdatedTime = DateTime.UtcNow,
    };
}
