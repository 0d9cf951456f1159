namespace Durango.Embedded;

/// <summary>Which durable backend the embedded host runs: in memory (the default) or Azure Storage.</summary>
public sealed class EmbeddedBackendOptions
{
    /// <summary>
    /// The storage account: a connection string (<c>UseDevelopmentStorage=true</c> for Azurite) or an account's
    /// blob URI (managed identity); null for the in-memory backend.
    /// </summary>
    public string? Storage { get; set; }

    /// <summary>The task hub name: Durable's tables and queues, and Durango's blob containers, are named from it.</summary>
    public string TaskHub { get; set; } = Engine.DurangoOptions.DefaultTaskHub;

    /// <summary>
    /// This worker's name in the task hub. Stable across restarts (the machine name), so that a host that restarts
    /// after a crash takes its partition back at once rather than after the lease expires.
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>
    /// The longest an idle queue waits between polls. The provider's default, 30 s, would make a step wait that
    /// long for its turn after a quiet spell; 500 ms costs about four storage transactions a second per queue.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a message taken by a host that then died stays invisible before another host (or the same one,
    /// restarted) takes it again. Durable renews the lock of a running activity, so this bounds recovery, not step length.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many control-queue partitions a new task hub gets on Azure Storage (1 to 16; the Durable Functions default
    /// is 4). One host owns each partition's orchestrations at a time, so several hosts on one task hub share the work
    /// only with several partitions; a host that dies loses its partitions to the others when its leases expire. Fixed
    /// when the task hub is created.
    /// </summary>
    public int Partitions { get; set; } = 1;

    /// <summary>
    /// Keep an orchestration that is waiting in memory for a while and run its next events on the same instance,
    /// instead of replaying its history for every event (extended sessions, as Durable Functions'
    /// <c>extendedSessionsEnabled</c>). History is written as before, so a host that dies loses nothing. Null, the
    /// default, is the backend's own default:
    /// <list type="bullet">
    /// <item>in memory, on (<see cref="InMemorySessions"/>, waiting <see cref="EmbeddedDurableHost.SessionIdleTimeout"/>):
    /// a loop or a DAG no longer replays every node it ran at each turn (README, "Benchmarks");</item>
    /// <item>on Azure Storage, off (the provider's own sessions, waiting <see cref="ExtendedSessionIdleTimeout"/>): they
    /// make Durango's steps and bare Durable activities alike faster on Azurite, but a waiting session holds one of the
    /// host's orchestration slots until it times out, which was not measured under many concurrent workflows.</item>
    /// </list>
    /// The engine's tests turn them off, so that every orchestration replays at each step as it does on Azure.
    /// </summary>
    public bool? ExtendedSessions { get; set; }

    /// <summary>Azure Storage: how long an extended session waits for the orchestration's next event before it lets the orchestration go.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Durable tasks to run beside the engine's (the benchmarks' baselines).</summary>
    public TaskTypes? ExtraTasks { get; set; }
}
