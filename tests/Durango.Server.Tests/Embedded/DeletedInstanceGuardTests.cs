using System.Collections.Concurrent;
using Durango.Embedded;
using Durango.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// The in-memory backend after an instance is deleted while work for it is on its way (issue 16): the message is
/// dropped, the instance stays deleted, and DTFx's dispatcher never fails a work item, since each failure made it
/// wait 1 s before every fetch, for every workflow. Each test waits for the late message to have been handled (the
/// backend's "dropped" entry, or the dispatcher's failure before the fix), then checks what it left.
/// </summary>
public sealed class DeletedInstanceGuardTests : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);
    private readonly LogCapture _logs = new();
    private ILoggerFactory? _loggers;
    private EmbeddedDurableHost? _host;

    private DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _host = await EmbeddedDurableHost.StartInMemoryAsync(new ServiceCollection().BuildServiceProvider(), _loggers, new TaskTypes(
            [(nameof(GatedOrchestrator), typeof(GatedOrchestrator)), (nameof(NestingOrchestrator), typeof(NestingOrchestrator)), (nameof(EchoOrchestrator), typeof(EchoOrchestrator))],
            [(nameof(GateActivity), typeof(GateActivity))]));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _loggers?.Dispose();
    }

    [Fact]
    public async Task ActivityResult_ForDeletedInstance_IsDroppedWithoutDispatcherFailure()
    {
        var (key, gate) = NewGate();
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(GatedOrchestrator), key);
        await gate.Entered.Task.WaitAsync(EngineHarness.Patience);
        await DeleteAsync(id);

        gate.Release.SetResult();

        await AssertLateMessageHandledAsync(id);
    }

    [Fact]
    public async Task SubOrchestrationEnd_ForDeletedParent_IsDroppedWithoutDispatcherFailure()
    {
        var (key, gate) = NewGate();
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(NestingOrchestrator), key);
        await gate.Entered.Task.WaitAsync(EngineHarness.Patience);
        await DeleteAsync(id);

        // The child's end goes to its deleted parent.
        var child = NestingOrchestrator.ChildId(id);
        await Client.TerminateInstanceAsync(child);
        await WaitAsync(child);

        await AssertLateMessageHandledAsync(id);
        gate.Release.SetResult();
        await Client.PurgeInstanceAsync(child);
    }

    // The history-less entry the service makes for a message to an instance it no longer has: DTFx discards the
    // message and hands back a state without an instance, which the service could not save.
    [Fact]
    public async Task Event_ForDeletedInstance_IsDiscardedWithoutDispatcherFailure()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(EchoOrchestrator), "x");
        await WaitAsync(id);
        Assert.Equal(1, (await Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        await Client.RaiseEventAsync(id, "late");

        await AssertLateMessageHandledAsync(id);
    }

    private static (string Key, Gate Gate) NewGate()
    {
        var key = Guid.NewGuid().ToString("N");
        return (key, Gates.GetOrAdd(key, _ => new Gate()));
    }

    /// <summary>Deletes a running instance as the API does: terminate, wait for the end, purge.</summary>
    private async Task DeleteAsync(string id)
    {
        await Client.TerminateInstanceAsync(id);
        await WaitAsync(id);
        Assert.Equal(1, (await Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
    }

    private async Task WaitAsync(string id)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        await Client.WaitForInstanceCompletionAsync(id, patience.Token);
    }

    private async Task AssertLateMessageHandledAsync(string id)
    {
        await Eventually.HoldsAsync(
            () => _logs.Entries.Any(e => e.Message.Contains(id, StringComparison.Ordinal) && (e.EventId == 3001 || e.EventName == "ProcessWorkItemFailed")),
            $"the late message for {id} to be handled");

        Assert.Empty(_logs.DispatcherFailures);
        Assert.Null(await Client.GetInstancesAsync(id));
        var echo = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(EchoOrchestrator), "after");
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        var done = await Client.WaitForInstanceCompletionAsync(echo, getInputsAndOutputs: true, patience.Token);
        Assert.Equal("after", done.ReadOutputAs<string>());
        Assert.Empty(_logs.DispatcherFailures);
    }

    private sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class GateActivity : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            var gate = Gates[input];
            gate.Entered.TrySetResult();
            await gate.Release.Task;
            return input;
        }
    }

    private sealed class GatedOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(GateActivity), input);
    }

    private sealed class NestingOrchestrator : TaskOrchestrator<string, string>
    {
        public static string ChildId(string parent) => $"{parent}:child";

        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallSubOrchestratorAsync<string>(nameof(GatedOrchestrator), input, new SubOrchestrationOptions { InstanceId = ChildId(context.InstanceId) });
    }

    private sealed class EchoOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }
}
