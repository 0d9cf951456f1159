namespace Durango.Core.Spec;

/// <summary>What a CronWorkflow does when a tick comes while workflows it started still run (Argo's <c>concurrencyPolicy</c>).</summary>
public enum ConcurrencyPolicy
{
    /// <summary>Start the new workflow beside the running ones (Argo's default).</summary>
    Allow,

    /// <summary>Skip the tick while one runs.</summary>
    Forbid,

    /// <summary>Terminate the running ones, then start the new one.</summary>
    Replace,
}

/// <summary>A CronWorkflow's <c>spec</c> apart from its <c>workflowSpec</c> (which is <see cref="WorkflowDocument.Spec"/>).</summary>
public sealed record CronWorkflowSpec
{
    /// <summary>The cron expressions (<c>schedules</c>, or the older single <c>schedule</c>), as written.</summary>
    public IReadOnlyList<string> Schedules { get; init; } = [];

    /// <summary>The IANA time zone the schedules are read in; null: UTC.</summary>
    public string? Timezone { get; init; }

    /// <summary>What to do when a tick comes while started workflows still run.</summary>
    public ConcurrencyPolicy ConcurrencyPolicy { get; init; } = ConcurrencyPolicy.Allow;

    /// <summary>How late a missed tick may still start; null: a missed tick never starts.</summary>
    public long? StartingDeadlineSeconds { get; init; }

    /// <summary>Succeeded workflows to keep (Argo's default 3).</summary>
    public int? SuccessfulJobsHistoryLimit { get; init; }

    /// <summary>Failed or errored workflows to keep (Argo's default 1).</summary>
    public int? FailedJobsHistoryLimit { get; init; }

    /// <summary>True: no tick starts anything until resumed.</summary>
    public bool Suspend { get; init; }

    /// <summary>A condition checked at each tick (<c>{{cronworkflow.*}}</c> variables); false skips the tick.</summary>
    public string? When { get; init; }

    /// <summary><c>stopStrategy.expression</c>: once true, the CronWorkflow stops for good.</summary>
    public string? StopExpression { get; init; }

    /// <summary>Labels and annotations given to every workflow it starts (<c>workflowMetadata</c>).</summary>
    public ObjectMeta WorkflowMetadata { get; init; } = new();
}
