using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Bench.StartFloor;

/// <summary>One orchestration that calls one activity, on a backend built as the embedded host builds its own.</summary>
internal static class FloorHost
{
    /// <summary>Starts the backend, runs <see cref="RunStep"/> with <paramref name="command"/> to its end, and stops it.</summary>
    public static async Task<int> RunAsync(string[] command)
    {
        var converter = JsonDataConverter.Default;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, NullLoggerFactory.Instance);
        var service = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        using var worker = new TaskHubWorker(service, NullLoggerFactory.Instance) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(nameof(RunStep), () => shims.CreateOrchestration(nameof(RunStep), new RunStep(), parent: null)));
        worker.AddTaskActivities(new Creator<TaskActivity>(nameof(SpawnStep), () => shims.CreateActivity(nameof(SpawnStep), new SpawnStep())));
        await worker.StartAsync().ConfigureAwait(false);

        var instance = new OrchestrationInstance { InstanceId = Guid.NewGuid().ToString("N"), ExecutionId = Guid.NewGuid().ToString("N") };
        await service.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, converter.Serialize(command)) { Name = nameof(RunStep), Version = string.Empty, OrchestrationInstance = instance },
        }).ConfigureAwait(false);
        var state = await service.WaitForOrchestrationAsync(instance.InstanceId, instance.ExecutionId, TimeSpan.FromMinutes(1), CancellationToken.None).ConfigureAwait(false);
        await worker.StopAsync(isForced: true).ConfigureAwait(false);
        return state?.OrchestrationStatus == OrchestrationStatus.Completed
            ? converter.Deserialize<int>(state.Output)
            : throw new InvalidOperationException($"the orchestration ended {state?.OrchestrationStatus}: {state?.FailureDetails?.ErrorMessage}");
    }

    /// <summary>DTFx's factory of one task, by name.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
