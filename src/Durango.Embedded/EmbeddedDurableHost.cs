using DurableTask.AzureStorage;
using DurableTask.Core;
using Durango.Engine;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Embedded;

/// <summary>
/// A Durable Task backend inside this process: DTFx's <see cref="TaskHubWorker"/> (the dispatcher the Functions host
/// uses) runs the engine's orchestrators and activities through the SDK's shims, and <see cref="Client"/> drives it.
/// Chosen over the gRPC sidecar of the test host after measuring both (README, "Architecture").
/// </summary>
public sealed class EmbeddedDurableHost : IAsyncDisposable
{
    /// <summary>
    /// The payloads' serializer on both sides of the embedded host: <see cref="DurablePayloads.Converter"/>, as in the
    /// Functions app, whose metadata <see cref="EngineWarmup"/> readies ahead of the first workflow.
    /// </summary>
    public static Microsoft.DurableTask.DataConverter Converter => DurablePayloads.Converter;

    private readonly TaskHubWorker _worker;
    private readonly IOrchestrationService _service;
    private readonly Task _started;

    private EmbeddedDurableHost(TaskHubWorker worker, IOrchestrationService service, DurableTaskClient client, Task started)
    {
        _worker = worker;
        _service = service;
        Client = client;
        _started = started;
    }

    /// <summary>The client of this backend: the same type Azure Functions hands to <c>[DurableClient]</c>.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>
    /// How long an orchestration of the in-memory service waits in its extended session for its next message
    /// (<see cref="InMemorySessions"/>) before it lets its instance go; the next message then replays it.
    /// </summary>
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Starts a backend over the in-memory orchestration service (nothing persists), running the engine's tasks and
    /// any <paramref name="extraTasks"/> (the benchmarks' baselines). With <paramref name="extendedSessions"/>, waiting
    /// orchestrations keep extended sessions for <paramref name="sessionIdleTimeout"/> (<see cref="SessionIdleTimeout"/>
    /// by default); without, every message replays its orchestration.
    /// </summary>
    public static Task<EmbeddedDurableHost> StartInMemoryAsync(
        IServiceProvider services, ILoggerFactory? loggerFactory = null, TaskTypes? extraTasks = null, bool extendedSessions = true,
        TimeSpan? sessionIdleTimeout = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var inMemory = new InMemoryOrchestrationService(loggerFactory);
        var saves = new MessagesBeforeSave(inMemory);
        var sessions = extendedSessions ? new InMemorySessions(saves, inMemory, sessionIdleTimeout ?? SessionIdleTimeout) : null;
        var guarded = new DeletedInstanceGuard((IOrchestrationService?)sessions ?? saves, inMemory, loggerFactory.CreateLogger<DeletedInstanceGuard>());
        var restarts = new RestartAfterRelease(guarded);
        return StartAsync(
            services, new ConcurrencyLimits(restarts, activities: 64, orchestrations: 64), inMemory, loggerFactory, extraTasks, inBackground: true,
            restarts.WhenReleasedAsync, sessions is null ? null : sessions.SendAsync);
    }

    /// <summary>
    /// Starts a backend over the Durable Task Azure Storage provider — the one the Durable Functions extension uses —
    /// in <paramref name="account"/> (Azurite or Azure), as configured by <paramref name="options"/>.
    /// </summary>
    public static async Task<EmbeddedDurableHost> StartAzureStorageAsync(
        IServiceProvider services, DurableStorageAccount account, EmbeddedBackendOptions options, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        await ProbeAsync(account).ConfigureAwait(false);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = account.ClientProvider,
            TaskHubName = options.TaskHub,
            WorkerId = options.WorkerId,

            // One partition by default: one host owns every orchestration. Scale-out over several hosts needs more.
            PartitionCount = Math.Clamp(options.Partitions, 1, 16),
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            ExtendedSessionsEnabled = options.ExtendedSessions ?? false,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            MaxConcurrentTaskActivityWorkItems = 64,
            MaxConcurrentTaskOrchestrationWorkItems = 64,
            LoggerFactory = loggerFactory,
        });
        try
        {
            return await StartAsync(services, service, service, loggerFactory, options.ExtraTasks).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AggregateException or Azure.RequestFailedException or HttpRequestException)
        {
            throw Unavailable(account, e);
        }
    }

    /// <summary>One cheap call to the account, so that a wrong setting fails in seconds with one message.</summary>
    private static async Task ProbeAsync(DurableStorageAccount account)
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await account.ProbeAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AggregateException or Azure.RequestFailedException or HttpRequestException or OperationCanceledException or Azure.Identity.AuthenticationFailedException)
        {
            throw Unavailable(account, e);
        }
    }

    private static BackendUnavailableException Unavailable(DurableStorageAccount account, Exception e)
    {
        var cause = e;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        return new BackendUnavailableException(
            $"cannot reach Azure Storage at {account} ({cause.Message}); check the storage setting, or start Azurite: bash tests/azurite/azurite.sh start DIR", e);
    }

    /// <summary>
    /// Starts a backend over <paramref name="service"/>, with <paramref name="client"/> as its client side. With
    /// <paramref name="inBackground"/> the dispatchers start on another thread and this returns once the client can
    /// be used: what the client schedules waits in the service until they run. That is for the in-memory service,
    /// which cannot fail to start; <c>durango run</c> meanwhile loads and validates the workflow (measured for issue
    /// 12: the start of the dispatchers is about a tenth of a one-step run's CPU time). The client awaits
    /// <paramref name="whenStartable"/> before it starts an instance (<see cref="RestartAfterRelease"/>), and sends
    /// events and terminations through <paramref name="send"/> when given (<see cref="InMemorySessions"/>).
    /// </summary>
    public static async Task<EmbeddedDurableHost> StartAsync(
        IServiceProvider services, IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, TaskTypes? extraTasks = null,
        bool inBackground = false, Func<string, Task>? whenStartable = null, Func<TaskMessage, Task>? send = null)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = Converter }, loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory)
        {
            // Without this, failures reach the SDK without their details (their messages and types are lost).
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        foreach (var (name, type) in DurangoTasks.Orchestrators.Concat(extraTasks?.Orchestrators ?? []))
        {
            worker.AddTaskOrchestrations(new OrchestratorShimCreator(name, type, services, shims));
        }

        foreach (var (name, type) in DurangoTasks.Activities.Concat(extraTasks?.Activities ?? []))
        {
            worker.AddTaskActivities(new ActivityShimCreator(name, type, services, shims));
        }

        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var started = inBackground ? Task.Run(worker.StartAsync) : worker.StartAsync();
        if (!inBackground)
        {
            await started.ConfigureAwait(false);
        }

        return new EmbeddedDurableHost(worker, service, new OrchestrationServiceClient(client, Converter, whenStartable, send), started);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // A worker still starting in the background is stopped once it has started.
        await _started.ConfigureAwait(false);
        await _worker.StopAsync(isForced: true).ConfigureAwait(false);
        _worker.Dispose();
        (_service as IDisposable)?.Dispose();
    }
}

/// <summary>Durable task names and types to register beside the engine's.</summary>
/// <param name="Orchestrators">Orchestrator names and types.</param>
/// <param name="Activities">Activity names and types.</param>
public sealed record TaskTypes(IReadOnlyList<(string Name, Type Type)> Orchestrators, IReadOnlyList<(string Name, Type Type)> Activities);
