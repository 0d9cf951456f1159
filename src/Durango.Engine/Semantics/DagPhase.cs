using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// The phase of a finished DAG, as Argo's <c>assessDAGPhase</c>: each target task's branch phase is its own
/// phase if it ran to an end, else (Skipped, Omitted, never started) the phase inherited from its dependencies,
/// Failed or Error winning over Succeeded. The DAG fails with the first failed target that does not continue on
/// that phase.
/// </summary>
public static class DagPhase
{
    /// <summary>The DAG's phase, given the phase of every task that got a node.</summary>
    public static NodePhase Assess(DagPlan plan, IReadOnlyDictionary<string, NodePhase> taskPhases)
    {
        var memo = new Dictionary<string, NodePhase>(StringComparer.Ordinal);
        foreach (var target in plan.Targets)
        {
            var branch = Branch(plan, target, taskPhases, memo, []);
            if (branch.FailedOrError() && !ContinuesOn(plan.Task(target).ContinueOn, branch))
            {
                return branch;
            }
        }

        return NodePhase.Succeeded;
    }

    /// <summary>True when <paramref name="continueOn"/> tolerates <paramref name="phase"/>.</summary>
    public static bool ContinuesOn(ContinueOn? continueOn, NodePhase phase) => phase switch
    {
        NodePhase.Failed => continueOn?.Failed == true,
        NodePhase.Error => continueOn?.Error == true,
        _ => false,
    };

    private static NodePhase Branch(
        DagPlan plan, string task, IReadOnlyDictionary<string, NodePhase> phases, Dictionary<string, NodePhase> memo, HashSet<string> visiting)
    {
        if (memo.TryGetValue(task, out var known))
        {
            return known;
        }

        if (phases.TryGetValue(task, out var own) && own.Completed())
        {
            return memo[task] = own;
        }

        var inherited = NodePhase.Succeeded;
        if (visiting.Add(task) && plan.Depends.TryGetValue(task, out var depends))
        {
            foreach (var dependency in depends.Tasks)
            {
                var phase = Branch(plan, dependency, phases, memo, visiting);
                if (phase.FailedOrError())
                {
                    inherited = phase;
                    break;
                }
            }
        }

        return memo[task] = inherited;
    }
}
