using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Argo's steps rule: groups run in sequence and the steps of a group in parallel (at most <c>parallelism</c> at
/// once); a loop step expands into one step per item; a step whose <c>when</c> is false is Skipped; the first
/// group that fails (see <see cref="StepGroupPhase"/>) fails the steps node and no later group runs. A long chain
/// of groups continues as new every <see cref="GroupsPerExecution"/> groups (<see cref="StepsProgress"/>).
/// </summary>
internal sealed class StepsExecution(OrchestrationRun run, NodeExecutor executor)
{
    /// <summary>
    /// Groups one execution runs before it continues as new. Each turn replays the execution's earlier groups, so a
    /// step's replay grows with this; each new execution costs a start. Measured for issue 12 (README, "Benchmarks"):
    /// a 400-step chain through the CLI took 2.6 s at 5 against 3.4 s at 20 and 6.5 s at 100 (medians of 4, while
    /// replayed calls still sent their inputs), and 1 to 8 were alike.
    /// </summary>
    public const int GroupsPerExecution = 5;

    private readonly HookExecution _hooks = new(run);

    public async Task<NodeResult> RunAsync(NodeCall call, Template template, StepsBody steps, Dictionary<string, string> scope, NodeInputs? inputs, StepsProgress? progress)
    {
        // A continued execution carries on with the node it started before.
        var node = progress?.StepsNode ?? NodeRecords.Begin(run, call, NodeType.Steps, template, inputs);
        if (progress is not null)
        {
            foreach (var (key, value) in progress.Scope)
            {
                scope[key] = value;
            }

            run.Publish(progress.Published);
        }

        var failures = progress?.Failures.ToList() ?? [];
        var (phase, message) = (NodePhase.Succeeded, (string?)null);
        var first = progress?.NextGroup ?? 0;
        var last = progress?.LastGroup;
        for (var i = first; i < steps.Groups.Count; i++)
        {
            if (i - first == GroupsPerExecution && !run.Control.IsStopped)
            {
                return new NodeResult
                {
                    NodeId = node.Id,
                    Phase = NodePhase.Running,
                    // Only the variables later groups can name go on, so the carried scope does not grow with the chain.
                    ContinueFrom = new StepsProgress(i, node, StepReferences.Retained(template, scope), failures, run.PublishedGlobals, last),
                };
            }

            await run.Control.WhenRunnableAsync();
            if (run.Control.StopMessage is { } stopped)
            {
                (phase, message) = (NodePhase.Failed, stopped);
                break;
            }

            // A step group runs no template of its own: upstream's has no templateName (steps.go, an empty WorkflowStep).
            var group = NodeRecords.Start(run, new NodeCall(NodeNames.Group(call.Name, i), call.TemplateKey, call.Name), NodeType.StepGroup, template: null);
            LinkGroup(call.Name, group, last);
            var (groupPhase, groupMessage) = (NodePhase.Error, SkippedOutputs.GroupError(steps.Groups[i], scope));
            last = new StepGroupEnds(group.Name, []);
            if (groupMessage is null)
            {
                var outcomes = await RunGroupAsync(call, i, group, steps.Groups[i], scope, run.Limits.Parallelism(template.Parallelism ?? run.Workflow.Parallelism));
                last = last with { Children = outcomes.Select(o => o.Result.Outbound ?? OutboundNodes.Self(o.Name)).ToList() };
                run.ShareGlobals(scope);
                failures.AddRange(outcomes.SelectMany(o => o.Result.Failures));
                (groupPhase, groupMessage) = StepGroupPhase.Assess(outcomes.Select(o => new StepOutcome(o.Result.NodeId, o.Result.Phase, o.Step)));
                if (run.Control.StopMessage is { } stop && groupPhase == NodePhase.Succeeded && outcomes.Any(o => o.Result.Phase.FailedOrError()))
                {
                    (groupPhase, groupMessage) = (NodePhase.Failed, stop);
                }
                else if (TemplateFailFast.Tripped(template, outcomes.SelectMany(o => o.Result.Iterations ?? [o.Result]).Select(r => r.Phase)))
                {
                    (groupPhase, groupMessage) = (NodePhase.Failed, TemplateFailFast.Message);
                }
            }

            failures.AddRange(NodeRecords.Complete(run, NodeRecords.Finish(run, group, groupPhase, groupMessage)).Failures);
            if (groupPhase.FailedOrError())
            {
                (phase, message) = (NodePhase.Failed, groupMessage);
                break;
            }
        }

        NodeOutputs? outputs;
        (phase, message, outputs) = await TemplateOutputs.ResolveAsync(run, template, scope, phase, message);
        // Upstream's updateOutboundNodes: the steps node's outbound nodes are its last group's children's.
        var (field, own) = OutboundNodes.OfBoundary(last?.Children ?? []);
        var final = NodeRecords.Finish(run, node, phase, message, outputs) with
        {
            OutboundNodes = last is null ? null : field.Select(run.NodeId).ToList(),
        };
        return NodeRecords.Complete(run, final, failures) with { Outbound = own };
    }

    /// <summary>
    /// Links <paramref name="group"/> into the graph as upstream's <c>executeSteps</c> does: the first group under the
    /// steps node, each later one under the outbound nodes of the group before it (<paramref name="previous"/>).
    /// </summary>
    private void LinkGroup(string stepsName, NodeStatus group, StepGroupEnds? previous)
    {
        if (previous is null)
        {
            NodeRecords.Link(run, stepsName, group.Id);
            return;
        }

        foreach (var parent in OutboundNodes.GroupParents(previous.GroupName, previous.Children))
        {
            NodeRecords.Link(run, parent, group.Id);
        }
    }

    private async Task<List<(WorkflowStep Step, string Name, NodeResult Result)>> RunGroupAsync(
        NodeCall stepsCall, int groupIndex, NodeStatus group, IReadOnlyList<WorkflowStep> steps, Dictionary<string, string> scope, int? parallelism)
    {
        var stepsName = stepsCall.Name;
        var work = new List<(WorkflowStep Step, int Item, string Name, Func<Task<NodeResult>> Start)>();
        IReadOnlyList<LoopItem>? loneLoop = null;
        foreach (var step in steps)
        {
            var childName = NodeNames.Child(group.Name, step.Name);
            if (!step.IsLoop)
            {
                work.Add((step, -1, childName, () => RunStepAsync(stepsName, step, childName, scope)));
                continue;
            }

            var expansion = LoopItems.Expand(step, await run.WithValuesAsync(scope, () => [step.WithParam]), run.Limits);
            if (expansion.Error is { } error)
            {
                if (expansion.OverLimit)
                {
                    run.Abort(error);
                }

                work.Add((step, -1, childName, () => Task.FromResult(Settle(stepsName, childName, NodeType.Skipped, NodePhase.Error, error))));
                continue;
            }

            if (expansion.Items.Count == 0)
            {
                work.Add((step, -1, childName, () => Task.FromResult(Settle(stepsName, childName, NodeType.Skipped, NodePhase.Skipped, LoopItems.EmptyParamsMessage, run.Workflow.TemplateOf(step)))));
                continue;
            }

            loneLoop = steps.Count == 1 ? expansion.Items : null;
            foreach (var item in expansion.Items)
            {
                var itemScope = item.Scope(scope);
                var itemName = item.NodeName(childName);
                work.Add((step, item.Index, itemName, () => RunStepAsync(stepsName, step, itemName, itemScope)));
            }
        }

        // The group's children are known before any starts, so they are listed in step order.
        NodeRecords.Begin(run, group, work.Select(w => run.NodeId(w.Name)));
        // A group that is one large loop (the usual fan-out) runs in batches of child orchestrations (LoopBatches).
        var results = loneLoop is { Count: > LoopBatches.Size } items
            ? await LoopBatches.RunAsync(
                run, new LoopRef(stepsCall.TemplateKey, stepsName, NodeNames.Child(group.Name, steps[0].Name), steps[0].Name, groupIndex), items, scope, parallelism,
                item => RunStepAsync(stepsName, steps[0], item.NodeName(NodeNames.Child(group.Name, steps[0].Name)), item.Scope(scope)))
            : await Throttle.RunAsync(work.Select(w => w.Start).ToList(), parallelism);
        var outcomes = work.Select((w, i) => (w.Step, w.Name, Result: results[i])).ToList();
        foreach (var stepResults in outcomes.GroupBy(o => o.Step.Name, StringComparer.Ordinal))
        {
            var step = stepResults.First().Step;
            if (step.IsLoop && work.Any(w => w.Step == step && w.Item >= 0))
            {
                var iterations = stepResults.Select(o => o.Result).ToList();
                var aggregate = LoopItems.Phase(iterations.Select(r => r.Phase));
                HookExecution.AddVariables(scope, $"steps.{step.Name}", new NodeResult { NodeId = group.Id, Phase = aggregate, Iterations = iterations });
            }
            else
            {
                HookExecution.AddVariables(scope, $"steps.{step.Name}", stepResults.Last().Result);
            }
        }

        return outcomes;
    }

    /// <summary>Runs one step, or one iteration of a loop step (here or in a <see cref="LoopBatchOrchestrator"/>).</summary>
    internal async Task<NodeResult> RunStepAsync(string stepsName, WorkflowStep step, string childName, IReadOnlyDictionary<string, string> scope)
    {
        var when = WhenCondition.Evaluate(step.When, await run.WithValuesAsync(scope, () => [step.When]), run.Evaluator);
        if (when.Error is { } error)
        {
            return Settle(stepsName, childName, NodeType.Skipped, NodePhase.Error, error, run.Workflow.TemplateOf(step));
        }

        if (!when.Run)
        {
            return Settle(stepsName, childName, NodeType.Skipped, NodePhase.Skipped, when.SkippedMessage, run.Workflow.TemplateOf(step));
        }

        var arguments = await run.ArgumentsAsync(step.Arguments, scope);
        return await _hooks.RunWithHooksAsync(step, childName, $"steps.{step.Name}", scope, stepsName,
            () => executor.ExecuteAsync(new NodeCall(childName, step.Template!, stepsName), arguments));
    }

    private NodeResult Settle(string stepsName, string childName, NodeType type, NodePhase phase, string message, Template? template = null)
    {
        var settled = NodeRecords.Settled(run, new NodeCall(childName, string.Empty, stepsName), type, null, phase, message);
        var node = settled with { TemplateName = template?.Name };
        return NodeRecords.Complete(run, node) with { Outputs = SkippedOutputs.For(phase, template) };
    }
}
