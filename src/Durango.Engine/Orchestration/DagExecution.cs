using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Argo's DAG rule: a task starts once every task its <c>depends</c> (or <c>dependencies</c>) names is fulfilled;
/// false logic makes it Omitted, a false <c>when</c> Skipped; only the target tasks and their ancestors run; the
/// phase comes from <see cref="DagPhase"/> once nothing runs. As in Argo v4, a failure does not stop tasks whose
/// dependencies are done from starting (<c>depends: A.Failed</c> relies on it), whatever <c>failFast</c> says: in
/// Argo v4 it only changes when the phase is assessed, which makes no difference once nothing runs. A long DAG
/// continues as new every <see cref="TasksPerExecution"/> tasks, at a moment when none of its tasks runs
/// (<see cref="DagProgress"/>); one that always has a task running drains for that every <see cref="DrainAfter"/>.
/// </summary>
internal sealed class DagExecution(OrchestrationRun run, NodeExecutor executor)
{
    /// <summary>
    /// How many tasks settle in one execution of the DAG's orchestration before it continues as new, once none runs:
    /// as <see cref="StepsExecution.GroupsPerExecution"/>, enough to keep its history (and its replays) short.
    /// </summary>
    public const int TasksPerExecution = 5;

    /// <summary>
    /// How many tasks settle in one execution before the DAG, if tasks still run and others wait to start, starts no
    /// more until those end, so that it can continue as new (for at most <see cref="DrainPatience"/>). A wide DAG
    /// under a <c>parallelism</c> limit always has a task running, so without this its history (and, on Azure Storage
    /// without extended sessions, every task's replay of it) grew with every task. Measured for issue 12 on Azurite,
    /// 1,000 independent tasks two at a time, sessions off: 61.0 and 69.0 s before, 48.8 and 52.3 s with drains every
    /// 50 tasks, 66.1 s every 100 (README, "Benchmarks", fourteenth round).
    /// </summary>
    public const int DrainAfter = 50;

    /// <summary>
    /// How long a drain holds ready tasks back. A task that runs longer (a long task beside many short ones) is not
    /// waited for: the DAG starts tasks again and tries anew <see cref="DrainAfter"/> tasks later.
    /// </summary>
    public static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(1);

    private readonly HookExecution _hooks = new(run);

    public async Task<NodeResult> RunAsync(NodeCall call, Template template, DagBody dag, Dictionary<string, string> scope, NodeInputs? inputs)
    {
        // A continued execution carries on with the node it started before, and what its settled tasks left.
        var resumed = run.DagProgress is { } progress && progress.DagNode.Name == call.Name ? progress : null;
        var node = resumed?.DagNode ?? NodeRecords.Begin(run, call, NodeType.Dag, template, inputs);
        var plan = DagPlan.For(dag, scope);
        var frontier = new DagFrontier(plan);
        var limit = run.Limits.Parallelism(template.Parallelism ?? run.Workflow.Parallelism);
        var states = resumed?.States(plan) ?? new Dictionary<string, DependsTaskState>(StringComparer.Ordinal);

        // The outbound nodes of the settled tasks that have any other than their own, which later tasks hang from.
        // failFast trips for good at the first failure, so whether it has is all that is kept of the results' phases.
        var outbound = new Dictionary<string, NodeOutbound>(resumed?.Outbound ?? new Dictionary<string, NodeOutbound>(), StringComparer.Ordinal);
        var failedFast = false;
        var running = new Dictionary<Task<NodeResult>, DagTask>();
        var failures = resumed?.Failures.ToList() ?? [];

        // Each ended task's variables (tasks.NAME.*), kept apart from the template's own scope: a task that starts is
        // given those of the tasks its text names (TaskReferences), and the outputs read them all at the end.
        var ended = new Dictionary<string, Dictionary<string, string>>(resumed?.Ended ?? new Dictionary<string, Dictionary<string, string>>(), StringComparer.Ordinal);
        if (resumed is not null)
        {
            run.Publish(resumed.Published);
            run.ShareGlobals(scope);
            Restore(plan, frontier, states);
        }

        var settledHere = 0;
        var drainFrom = DrainAfter;
        Task? patience = null;
        using var patienceEnds = new CancellationTokenSource();

        // Bounded: every turn starts or settles a task, or ends a drain (one per DrainAfter settled tasks), and the DAG
        // continues as new through its orchestration (NodeResult.ContinueDag) at the top of a turn.
#pragma warning disable DURABLE0011
        while (true)
#pragma warning restore DURABLE0011
        {
            var more = frontier.NextAfter(-1) >= 0 && !run.Control.IsStopped && !failedFast;
            if (settledHere >= TasksPerExecution && running.Count == 0 && more)
            {
                // Cancel, not CancelAsync: that runs the timer's callbacks on the thread pool, off the orchestration's
                // own thread, and the orchestration hangs (OrchestrationRun's remarks).
                patienceEnds.Cancel();
                return new NodeResult
                {
                    NodeId = node.Id,
                    Phase = NodePhase.Running,
                    // Only the variables the template can still name go on, so the carried state grows by a task's
                    // phase, not by its outputs.
                    ContinueDag = DagProgress.Of(node, plan, states, outbound, TaskReferences.Retained(template, ended), failures, run.PublishedGlobals),
                };
            }

            await run.Control.WhenRunnableAsync();
            var draining = settledHere >= drainFrom && running.Count > 0 && more;
            if (!run.Control.IsStopped && !failedFast && !draining)
            {
                StartReadyTasks(call, plan, frontier, states, outbound, running, new TaskScope(scope, ended), limit);
            }

            if (running.Count == 0)
            {
                break;
            }

            if (draining)
            {
                patience ??= run.Context.CreateTimer(DrainPatience, patienceEnds.Token);
            }

            run.Flush();
            var done = await Task.WhenAny(patience is null ? running.Keys : running.Keys.Append(patience));
            if (done == patience)
            {
                // The running tasks outlast the drain: start tasks again; the next drain comes DrainAfter tasks later.
                patience = null;
                drainFrom = settledHere + DrainAfter;
                continue;
            }

            var finished = (Task<NodeResult>)done;
            var task = running[finished];
            running.Remove(finished);
            var result = await finished;
            failures.AddRange(result.Failures);
            states[task.Name] = State(result);
            if (result.Outbound is { } nodes)
            {
                outbound[task.Name] = nodes;
            }

            failedFast |= TemplateFailFast.Tripped(template, (result.Iterations ?? [result]).Select(r => r.Phase));
            frontier.Settled(task.Name);
            ended[task.Name] = Variables(task, result);
            run.ShareGlobals(scope);
            settledHere++;
        }

        patienceEnds.Cancel();

        foreach (var variables in ended.Values)
        {
            foreach (var (key, value) in variables)
            {
                scope[key] = value;
            }
        }

        var phases = states.ToDictionary(s => s.Key, s => s.Value.Phase, StringComparer.Ordinal);
        var (assessed, why) = run.Control.StopMessage is { } stopped ? (NodePhase.Failed, stopped)
            : failedFast ? (NodePhase.Failed, TemplateFailFast.Message)
            : (DagPhase.Assess(plan, phases), (string?)null);
        var (phase, message, outputs) = await TemplateOutputs.ResolveAsync(run, template, scope, assessed, why);

        // Upstream's updateOutboundNodesForTargetTasks: the DAG node's outbound nodes are its target tasks'.
        var (field, own) = OutboundNodes.OfBoundary(plan.Targets.Where(states.ContainsKey).Select(t => OutboundOf(call, t, outbound)));
        var final = NodeRecords.Finish(run, node, phase, message, outputs) with { OutboundNodes = field.Select(run.NodeId).ToList() };
        return NodeRecords.Complete(run, final, failures) with { Outbound = own };
    }

    /// <summary>The frontier as the previous execution left it: every settled task settled and taken.</summary>
    private static void Restore(DagPlan plan, DagFrontier frontier, Dictionary<string, DependsTaskState> states)
    {
        foreach (var name in states.Keys)
        {
            frontier.Settled(name);
        }

        for (var place = 0; place < plan.Dag.Tasks.Count; place++)
        {
            if (states.ContainsKey(plan.Dag.Tasks[place].Name))
            {
                frontier.Taken(place);
            }
        }
    }

    private void StartReadyTasks(
        NodeCall dagCall, DagPlan plan, DagFrontier frontier, Dictionary<string, DependsTaskState> states, Dictionary<string, NodeOutbound> outbound,
        Dictionary<Task<NodeResult>, DagTask> running, TaskScope scope, int? limit)
    {
        // The ready tasks in the DAG's order; an omitted task may make others ready: later ones are met in this pass,
        // earlier ones in the next, as a pass over every task would meet them.
        bool settledAny;
        do
        {
            settledAny = false;
            for (var place = frontier.NextAfter(-1); place >= 0; place = frontier.NextAfter(place))
            {
                var task = plan.Dag.Tasks[place];
                if (states.ContainsKey(task.Name))
                {
                    // A second task of the same name (NameRules rejects it): the first one's state stands for it.
                    frontier.Taken(place);
                    continue;
                }

                var childName = NodeNames.Child(dagCall.Name, task.Name);
                var known = plan.Depends[task.Name].Tasks.Where(states.ContainsKey).ToDictionary(d => d, d => states[d], StringComparer.Ordinal);
                if (plan.Depends[task.Name].Tasks.Any(d => !known.ContainsKey(d)) || !plan.Depends[task.Name].Evaluate(known))
                {
                    Link(dagCall, task, childName, outbound);
                    var omitted = NodeRecords.Settled(run, new NodeCall(childName, task.Template ?? string.Empty, dagCall.Name), NodeType.Skipped, null, NodePhase.Omitted, "omitted: depends condition not met");
                    NodeRecords.Complete(run, omitted);
                    states[task.Name] = new DependsTaskState(NodePhase.Omitted, []);
                    frontier.Taken(place);
                    frontier.Settled(task.Name);
                    scope.Ended[task.Name] = Variables(task, new NodeResult
                    {
                        NodeId = omitted.Id,
                        Phase = NodePhase.Omitted,
                        Outputs = SkippedOutputs.For(NodePhase.Omitted, run.Workflow.TemplateOf(task)),
                        FinishedAt = omitted.FinishedAt,
                    });
                    settledAny = true;
                    continue;
                }

                if (limit is > 0 && running.Count >= limit)
                {
                    return;
                }

                Link(dagCall, task, childName, outbound);
                frontier.Taken(place);
                running[RunTaskAsync(dagCall, task, childName, scope)] = task;
            }
        }
        while (settledAny);
    }

    /// <summary>
    /// Makes a task a child of the outbound nodes of the tasks it depends on (upstream's <c>getOutboundNodes</c>: a
    /// retried task's last attempt, a loop's iterations, a container set's last containers, a steps or DAG task's last
    /// nodes), or of the DAG node when it depends on nothing, as Argo draws the graph.
    /// </summary>
    private void Link(NodeCall dagCall, DagTask task, string childName, Dictionary<string, NodeOutbound> outbound)
    {
        var childId = run.NodeId(childName);
        var parents = task.Depends is null ? task.Dependencies : DependsExpression.TryParse(task.Depends, out _)?.Tasks ?? [];
        if (parents.Count == 0)
        {
            NodeRecords.Link(run, dagCall.Name, childId);
        }

        foreach (var parent in parents)
        {
            foreach (var parentNode in OutboundOf(dagCall, parent, outbound).Names)
            {
                NodeRecords.Link(run, parentNode, childId);
            }
        }
    }

    /// <summary>The outbound nodes of task <paramref name="name"/>: its result's, or its own node when it has none of its own (Omitted, a pod).</summary>
    private static NodeOutbound OutboundOf(NodeCall dagCall, string name, Dictionary<string, NodeOutbound> outbound) =>
        outbound.GetValueOrDefault(name) ?? OutboundNodes.Self(NodeNames.Child(dagCall.Name, name));

    private Task<NodeResult> RunTaskAsync(NodeCall dagCall, DagTask task, string childName, TaskScope scope)
    {
        var snapshot = new Dictionary<string, string>(scope.Own, StringComparer.Ordinal);
        foreach (var name in TaskReferences.Named(task) ?? (IEnumerable<string>)scope.Ended.Keys)
        {
            foreach (var (key, value) in scope.Ended.GetValueOrDefault(name) ?? [])
            {
                snapshot[key] = value;
            }
        }

        return _hooks.RunWithHooksAsync(task, childName, $"tasks.{task.Name}", snapshot, dagCall.Name,
            () => task.IsLoop ? RunLoopAsync(dagCall, task, childName, snapshot) : RunOneAsync(dagCall.Name, task, childName, snapshot));
    }

    /// <summary>Runs one task, or one iteration of a loop task (here or in a <see cref="LoopBatchOrchestrator"/>).</summary>
    internal async Task<NodeResult> RunOneAsync(string dagName, DagTask task, string childName, IReadOnlyDictionary<string, string> scope)
    {
        var when = WhenCondition.Evaluate(task.When, await run.WithValuesAsync(scope, () => [task.When]), run.Evaluator);
        if (when.Error is not null || !when.Run)
        {
            var node = NodeRecords.Settled(run, new NodeCall(childName, task.Template!, dagName), NodeType.Skipped, null,
                when.Error is null ? NodePhase.Skipped : NodePhase.Error, when.Error ?? when.SkippedMessage);
            return NodeRecords.Complete(run, node) with { Outputs = SkippedOutputs.For(node.Phase, run.Workflow.TemplateOf(task)) };
        }

        return await executor.ExecuteAsync(new NodeCall(childName, task.Template!, dagName), await run.ArgumentsAsync(task.Arguments, scope));
    }

    private async Task<NodeResult> RunLoopAsync(NodeCall dagCall, DagTask task, string childName, IReadOnlyDictionary<string, string> scope)
    {
        var group = NodeRecords.Begin(run, new NodeCall(childName, task.Template!, dagCall.Name), NodeType.TaskGroup, run.Workflow.Template(task.Template!));
        var expansion = LoopItems.Expand(task, await run.WithValuesAsync(scope, () => [task.WithParam]), run.Limits);
        if (expansion.Error is { } error)
        {
            if (expansion.OverLimit)
            {
                run.Abort(error);
            }

            var failed = NodeRecords.Finish(run, group, NodePhase.Error, error);
            return NodeRecords.Complete(run, failed);
        }

        if (expansion.Items.Count == 0)
        {
            var skipped = NodeRecords.Finish(run, group with { Type = NodeType.Skipped }, NodePhase.Skipped, LoopItems.EmptyParamsMessage);
            return NodeRecords.Complete(run, skipped);
        }

        NodeRecords.Begin(run, group, expansion.Items.Select(i => run.NodeId(i.NodeName(childName))));
        var iterations = await LoopBatches.RunAsync(
            run, new LoopRef(dagCall.TemplateKey, dagCall.Name, childName, task.Name, Group: null), expansion.Items, scope,
            run.Limits.Parallelism(run.Workflow.Template(task.Template!).Parallelism ?? run.Workflow.Parallelism),
            item => RunOneAsync(dagCall.Name, task, item.NodeName(childName), item.Scope(scope)));
        var final = NodeRecords.Finish(run, group, LoopItems.Phase(iterations.Select(i => i.Phase)), null);
        var outbound = OutboundNodes.OfTaskGroup(childName, iterations.Select((r, k) => r.Outbound ?? OutboundNodes.Self(expansion.Items[k].NodeName(childName))).ToList());
        return NodeRecords.Complete(run, final, iterations.SelectMany(i => i.Failures)) with { Iterations = iterations, Outbound = outbound };
    }

    /// <summary>The variables <c>tasks.NAME.*</c> of <paramref name="task"/>, ended with <paramref name="result"/>.</summary>
    private static Dictionary<string, string> Variables(DagTask task, NodeResult result)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        HookExecution.AddVariables(variables, $"tasks.{task.Name}", result);
        return variables;
    }

    /// <summary>What a starting task's scope is made from: the template's own variables and each ended task's.</summary>
    private sealed record TaskScope(Dictionary<string, string> Own, Dictionary<string, Dictionary<string, string>> Ended);

    private static DependsTaskState State(NodeResult result) => new(result.Phase, result.Iterations?.Select(i => i.Phase).ToList() ?? [], result.Daemoned);
}
