using Durango.Core.Expressions;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// What a <c>depends</c> expression needs to know of a finished DAG task, and Argo's rule for each operand
/// (<c>evaluateDependsLogic</c> in <c>workflow/controller/dag.go</c> upstream): a bare <c>A</c> is Succeeded, Skipped or
/// Daemoned; a task whose daemon runs and is ready is <c>A.Daemoned</c> and not <c>A.Succeeded</c> (upstream's node is
/// Running then, with <c>daemoned: true</c>), <c>A.Errored</c> is the Error phase, <c>AnySucceeded</c>/<c>AllFailed</c>
/// look at a loop's iterations.
/// </summary>
/// <param name="Phase">The task's phase (a daemoned task's result is Succeeded: done for the DAG).</param>
/// <param name="ChildPhases">For a loop task, the phases of its iterations.</param>
/// <param name="Daemoned">True when the task is a daemon that runs and is ready.</param>
public sealed record DependsTaskState(NodePhase Phase, IReadOnlyList<NodePhase> ChildPhases, bool Daemoned = false)
{
    /// <summary>True when <paramref name="result"/> holds of this task.</summary>
    public bool Holds(DependsResult result) => result switch
    {
        DependsResult.Default => Daemoned || Phase is NodePhase.Succeeded or NodePhase.Skipped,
        DependsResult.Succeeded => !Daemoned && Phase == NodePhase.Succeeded,
        DependsResult.Failed => !Daemoned && Phase == NodePhase.Failed,
        DependsResult.Errored => !Daemoned && Phase == NodePhase.Error,
        DependsResult.Skipped => !Daemoned && Phase == NodePhase.Skipped,
        DependsResult.Omitted => !Daemoned && Phase == NodePhase.Omitted,
        DependsResult.Daemoned => Daemoned,
        DependsResult.AnySucceeded => ChildPhases.Any(p => p == NodePhase.Succeeded),
        DependsResult.AllFailed => ChildPhases.Count > 0 && ChildPhases.All(p => p == NodePhase.Failed),
        _ => false,
    };
}

/// <summary>Evaluating <c>depends</c> logic against the states of finished tasks.</summary>
public static class DependsEvaluation
{
    /// <summary>Evaluates <paramref name="depends"/>; every task it names must be in <paramref name="states"/>.</summary>
    public static bool Evaluate(this DependsExpression depends, IReadOnlyDictionary<string, DependsTaskState> states) =>
        depends.Evaluate((task, result) => states[task].Holds(result));
}
