namespace Durango.Embedded;

/// <summary>Which durable backend the embedded host runs: in memory (the default) or Azure Storage.</summary>
public sealed class EmbeddedBackendOptions
{
    /// <summary>An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite); null for in-memory.</summary>
    public string? Storage { get; set; }

    /// <summary>The task hub name (tables, queues and containers are prefixed with it).</summary>
    public string TaskHub { get; set; } = "durango";

    /// <summary>Durable tasks to run beside the engine's (the benchmarks' baselines).</summary>
    public TaskTypes? ExtraTasks { get; set; }
}
