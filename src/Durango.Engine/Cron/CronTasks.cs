namespace Durango.Engine.Cron;

/// <summary>The durable names of CronWorkflows: one eternal orchestration per CronWorkflow and the activity that starts a tick's workflow.</summary>
public static class CronTasks
{
    /// <summary>The orchestrator that waits for each tick of one CronWorkflow.</summary>
    public const string Orchestrator = "DurangoCron";

    /// <summary>The activity that starts a tick's workflow (<see cref="ICronLauncher"/>).</summary>
    public const string Tick = "DurangoCronTick";

    /// <summary>The external event that updates, suspends, resumes or deletes a CronWorkflow's orchestration.</summary>
    public const string SignalEvent = "DurangoCronSignal";

    /// <summary>
    /// The instance id of CronWorkflow <paramref name="name"/> in <paramref name="namespace"/>. The colon keeps it apart
    /// from workflow names (DNS-1123), which are instance ids too.
    /// </summary>
    public static string InstanceId(string @namespace, string name) => $"cron:{@namespace}:{name}";
}

/// <summary>What the orchestration needs of a CronWorkflow to know when to tick; the rest is read at each tick.</summary>
/// <param name="Schedules">Cron expressions.</param>
/// <param name="Timezone">IANA zone; null: UTC.</param>
/// <param name="StartingDeadlineSeconds">How late a missed tick may start.</param>
/// <param name="Suspend">True: no tick starts.</param>
public sealed record CronPolicy(IReadOnlyList<string> Schedules, string? Timezone, long? StartingDeadlineSeconds, bool Suspend);

/// <summary>Where a CronWorkflow's orchestration has got to; carried across continue-as-new.</summary>
/// <param name="Since">No tick at or before this starts (creation, update or resume time).</param>
/// <param name="LastScheduled">The last tick handled (started, skipped or missed).</param>
/// <param name="Stopped">True once <c>stopStrategy</c> held: no more ticks.</param>
/// <param name="LastWorkflow">The last workflow started.</param>
/// <param name="LastError">Why the last tick started nothing, when it did not.</param>
public sealed record CronState(DateTimeOffset Since, DateTimeOffset? LastScheduled = null, bool Stopped = false, string? LastWorkflow = null, string? LastError = null);

/// <summary>The input of <see cref="CronOrchestrator"/>.</summary>
/// <param name="Namespace">The CronWorkflow's namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Policy">Its schedule.</param>
/// <param name="State">Where it has got to.</param>
public sealed record CronRunInput(string Namespace, string Name, CronPolicy Policy, CronState State);

/// <summary>How a signal changes a CronWorkflow's orchestration.</summary>
public enum CronSignalKind
{
    /// <summary>The CronWorkflow changed (spec, suspend, resume): carry on with <see cref="CronSignal.Policy"/>.</summary>
    Update,

    /// <summary>The CronWorkflow was deleted: end.</summary>
    Delete,
}

/// <summary>The payload of <see cref="CronTasks.SignalEvent"/>.</summary>
/// <param name="Kind">Update or delete.</param>
/// <param name="Policy">The new schedule, for an update.</param>
public sealed record CronSignal(CronSignalKind Kind, CronPolicy? Policy = null);

/// <summary>One tick to start.</summary>
/// <param name="Namespace">The CronWorkflow's namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="ScheduledTime">The tick.</param>
/// <param name="LastScheduled">The tick before, for <c>cronworkflow.lastScheduledTime</c>.</param>
public sealed record CronTick(string Namespace, string Name, DateTimeOffset ScheduledTime, DateTimeOffset? LastScheduled);

/// <summary>What a tick did.</summary>
/// <param name="Workflow">The workflow it started (or found already started), if any.</param>
/// <param name="Skipped">Why it started nothing, if it did not (suspend, when, concurrency policy, error).</param>
/// <param name="Stopped">True when <c>stopStrategy</c> now holds: no more ticks.</param>
/// <param name="Gone">True when the CronWorkflow no longer exists: the orchestration ends.</param>
public sealed record CronTickResult(string? Workflow, string? Skipped = null, bool Stopped = false, bool Gone = false);

/// <summary>The summary a CronWorkflow's orchestration keeps in its custom status, for <c>status</c> in the API.</summary>
/// <param name="LastScheduledTime">The last tick handled.</param>
/// <param name="NextScheduledTime">The next tick it waits for, if any.</param>
/// <param name="Stopped">True once <c>stopStrategy</c> held.</param>
/// <param name="LastWorkflow">The last workflow started.</param>
/// <param name="LastError">Why the last tick started nothing, if it did not.</param>
public sealed record CronStatusSummary(DateTimeOffset? LastScheduledTime, DateTimeOffset? NextScheduledTime, bool Stopped, string? LastWorkflow, string? LastError);
