using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's daemon rules (upstream <c>workflow/controller/operator.go</c>: <c>podReconciliation</c>, <c>assessNodeStatus</c>;
/// <c>exec_control.go</c>: <c>killDaemonedChildren</c>): a daemon becomes <c>daemoned</c> once it runs and is ready,
/// and its step or task then counts as done for the steps or DAG around it; when that steps or DAG node ends, the
/// daemon is killed and its node Succeeds; a daemon that exits on its own Fails, even with exit code 0 ("daemon pods
/// should run indefinitely"). Readiness follows Kubernetes' probe timings.
/// </summary>
public static class DaemonRules
{
    /// <summary>The phase a daemon's step or task has for its siblings once it is daemoned: done, successfully.</summary>
    public const NodePhase DaemonedForSiblings = NodePhase.Succeeded;

    /// <summary>The phase of a daemon killed because the steps or DAG node that started it ended.</summary>
    public const NodePhase KilledByItsBoundary = NodePhase.Succeeded;

    /// <summary>How a daemon that exited on its own ends: Failed whatever its exit code, with upstream's message for a non-zero one.</summary>
    public static (NodePhase Phase, string? Message) Exited(int exitCode) =>
        (NodePhase.Failed, exitCode == 0 ? null : ArgoMessages.ExitCode(exitCode));

    /// <summary>When the first readiness try is due after the start: <c>initialDelaySeconds</c>; at once without a probe.</summary>
    public static TimeSpan FirstTry(Probe? probe) => TimeSpan.FromSeconds(probe?.InitialDelaySeconds ?? 0);

    /// <summary>The wait between readiness tries: <c>periodSeconds</c> (Kubernetes' default 10).</summary>
    public static TimeSpan Period(Probe probe) => TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds));

    /// <summary>How long one try may take: <c>timeoutSeconds</c> (Kubernetes' default 1).</summary>
    public static TimeSpan TryTimeout(Probe probe) => TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds));

    /// <summary>Whether an HTTP probe's status code means ready: 200 to 399, as Kubernetes.</summary>
    public static bool IsReady(int statusCode) => statusCode is >= 200 and < 400;
}
