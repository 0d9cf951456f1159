using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using IQueryClient = DurableTask.Core.Query.IOrchestrationServiceQueryClient;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Durango.Embedded;

/// <summary>
/// A <see cref="DurableTaskClient"/> over a DTFx orchestration service, so that the API code is the same in the
/// embedded host and in Azure Functions (where <c>[DurableClient]</c> hands out one of these). Payloads go through
/// the SDK's <see cref="DataConverter"/> (System.Text.Json), never DTFx's Newtonsoft serializer.
/// </summary>
internal sealed class OrchestrationServiceClient : DurableTaskClient
{
    private static readonly OrchestrationStatus[] AnyStatus = Enum.GetValues<OrchestrationStatus>();
    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;
    private readonly Func<string, Task>? _whenStartable;
    private readonly Func<TaskMessage, Task>? _send;

    /// <param name="client">The service's client side.</param>
    /// <param name="converter">The payloads' serializer.</param>
    /// <param name="whenStartable">Awaited with an instance id before the instance is started (<see cref="RestartAfterRelease"/>).</param>
    /// <param name="send">Where events and terminations go instead of the service (<see cref="InMemorySessions.SendAsync"/>).</param>
    public OrchestrationServiceClient(
        IOrchestrationServiceClient client, DataConverter converter, Func<string, Task>? whenStartable = null, Func<TaskMessage, Task>? send = null)
        : base("embedded")
    {
        _client = client;
        _converter = converter;
        _whenStartable = whenStartable;
        _send = send;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? new Dictionary<string, string>(),
        };
        var dedupe = options?.DedupeStatuses?.Select(Enum.Parse<OrchestrationStatus>).ToArray() ?? [];
        if (_whenStartable is not null)
        {
            await _whenStartable(instance.InstanceId).ConfigureAwait(false);
        }

        await _client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName });

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        _send is null
            ? _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output))
            : SendAsync(instanceId, new ExecutionTerminatedEvent(-1, _converter.Serialize(options?.Output)));

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        var state = states?.FirstOrDefault();
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            if (_client is not IQueryClient query)
            {
                throw new NotSupportedException("this orchestration service cannot list instances");
            }

            var result = await query.GetOrchestrationWithQueryAsync(new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? 100,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            }, cancellation).ConfigureAwait(false);
            var fetch = filter?.FetchInputsAndOutputs ?? false;
            return new Page<OrchestrationMetadata>(result.OrchestrationState.Select(s => ToMetadata(s, fetch)).ToList(), result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation).ConfigureAwait(false);

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        if (_client is InMemoryOrchestrationService memory)
        {
            // The in-memory service completes a waiter when the instance completes: no poll, no delay at the end.
            await memory.WaitForOrchestrationAsync(instanceId, executionId: string.Empty, timeout: TimeSpan.Zero, cancellation).ConfigureAwait(false);
        }

        return await PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation).ConfigureAwait(false);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (_client is not IOrchestrationServicePurgeClient purge)
        {
            return new PurgeResult(0);
        }

        var result = await purge.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (_client is not IOrchestrationServicePurgeClient purge)
        {
            return new PurgeResult(0);
        }

        var result = await purge.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(s => (OrchestrationStatus)s))).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent @event)
    {
        var message = new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = @event };
        return _send is null ? _client.SendTaskOrchestrationMessageAsync(message) : _send(message);
    }

    /// <summary>Polls until <paramref name="done"/>, backing off from 10 ms to 250 ms: quick for short tests, cheap for long runs.</summary>
    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false) is { } metadata && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 1.5));
        }
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = _converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = getInputsAndOutputs ? state.Input : null,
        SerializedOutput = getInputsAndOutputs ? state.Output : null,
        SerializedCustomStatus = state.Status,
        Tags = new Dictionary<string, string>(state.Tags ?? new Dictionary<string, string>()),
        FailureDetails = state.FailureDetails is { } failure
            ? new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, null)
            : null,
    };
}
