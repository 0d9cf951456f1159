using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>Makes the node records of one orchestration, stamped with its deterministic clock.</summary>
internal static class NodeRecords
{
    /// <summary>A node of <paramref name="call"/> starting now.</summary>
    public static NodeStatus Start(OrchestrationRun run, NodeCall call, NodeType type, Template? template, NodeInputs? inputs = null) => new()
    {
        Id = run.NodeId(call.Name),
        Name = call.Name,
        DisplayName = call.DisplayName,
        Type = type,
        TemplateName = template?.Name,
        Phase = NodePhase.Running,
        BoundaryId = call.BoundaryName is null ? null : run.NodeId(call.BoundaryName),
        StartedAt = run.Now,
        Inputs = inputs,
        NodeFlag = call.Flag,
        Run = run.WorkflowRef.Run,
    };

    /// <summary>
    /// A node's start: the node of <paramref name="call"/> starting now, recorded. Its end is <see cref="Complete"/>.
    /// </summary>
    public static NodeStatus Begin(OrchestrationRun run, NodeCall call, NodeType type, Template? template, NodeInputs? inputs = null) =>
        Begin(run, Start(run, call, type, template, inputs));

    /// <summary>
    /// A node's start made earlier with <see cref="Start"/> (a leaf checks it can run before it is recorded), recorded
    /// now, with its <paramref name="children"/> when they are known before any starts.
    /// </summary>
    public static NodeStatus Begin(OrchestrationRun run, NodeStatus started, IEnumerable<string>? children = null)
    {
        var node = children is null ? started : started with { Children = children.ToList() };
        run.Journal.Record(node);
        return node;
    }

    /// <summary>Records that node <paramref name="childId"/> is a child of the node named <paramref name="parentName"/> (of <paramref name="parentId"/>, a loop's iteration, when given).</summary>
    public static void Link(OrchestrationRun run, string parentName, string childId, string? parentId = null) =>
        run.Journal.Record(ChildLink(run, parentName, childId) with { Id = parentId ?? run.NodeId(parentName) });

    /// <summary>Records that node <paramref name="childId"/> is a child of the started node <paramref name="parent"/>.</summary>
    public static void Link(OrchestrationRun run, NodeStatus parent, string childId) => run.Journal.AddChild(parent, childId);

    /// <summary>
    /// A node of <paramref name="call"/> that waits before it can start (for its locks), recorded Pending with
    /// <paramref name="message"/>; its start and end come later, or a <see cref="Settled"/> end when it never starts.
    /// </summary>
    public static void Waiting(OrchestrationRun run, NodeCall call, NodeType type, Template? template, string message) =>
        run.Journal.Record(Start(run, call, type, template) with { Phase = NodePhase.Pending, Message = message });

    /// <summary>
    /// Records fields of a node that its own start and end records do not carry (a memoized node's cache status):
    /// <paramref name="amendment"/> goes in as Pending with no start, which never wins a merge over them, whatever the
    /// order the records arrive in.
    /// </summary>
    public static void Amend(OrchestrationRun run, NodeStatus amendment) =>
        run.Journal.Record(amendment with { Phase = NodePhase.Pending, StartedAt = null, FinishedAt = null });

    /// <summary>
    /// The end of a node whose parent already has its result (a daemon, handed back to its steps or DAG as done while it
    /// ran on): <paramref name="node"/> recorded as ended now with <paramref name="phase"/>.
    /// </summary>
    public static NodeStatus End(OrchestrationRun run, NodeStatus node, NodePhase phase)
    {
        var ended = Finish(run, node, phase, node.Message);
        run.Journal.Record(ended);
        return ended;
    }

    /// <summary>The node fulfilled now with <paramref name="phase"/>.</summary>
    public static NodeStatus Finish(OrchestrationRun run, NodeStatus node, NodePhase phase, string? message, NodeOutputs? outputs = null) =>
        node with { Phase = phase, Message = message, Outputs = outputs ?? node.Outputs, FinishedAt = run.Now };

    /// <summary>A node that was never run (Skipped by <c>when</c>, Omitted by <c>depends</c>, or in error before starting).</summary>
    public static NodeStatus Settled(OrchestrationRun run, NodeCall call, NodeType type, Template? template, NodePhase phase, string? message) =>
        Start(run, call, type, template) with { Phase = phase, Message = message, FinishedAt = run.Now };

    /// <summary>A record that only adds <paramref name="childId"/> to the children of node <paramref name="parentName"/>.</summary>
    private static NodeStatus ChildLink(OrchestrationRun run, string parentName, string childId) => new()
    {
        Id = run.NodeId(parentName),
        Name = parentName,
        DisplayName = parentName,
        Type = NodeType.Pod,
        Phase = NodePhase.Pending,
        Children = [childId],
        Run = run.WorkflowRef.Run,
    };

    /// <summary>
    /// A node's end: records <paramref name="node"/> (its final state) and gives the result its parent gets, in one
    /// call, so that no node can end without its record. <paramref name="childFailures"/> are its subtree's.
    /// </summary>
    public static NodeResult Complete(OrchestrationRun run, NodeStatus node, IEnumerable<FailedNode>? childFailures = null)
    {
        run.Journal.Record(node);
        return Result(run, node, childFailures);
    }

    /// <summary>
    /// The result a parent gets for a finished node, without recording it: only for a node whose final record is
    /// written elsewhere (by its leaf activity, or kept from the run a retry repeats). Otherwise use <see cref="Complete"/>.
    /// </summary>
    public static NodeResult Result(OrchestrationRun run, NodeStatus node, IEnumerable<FailedNode>? childFailures = null)
    {
        var failures = (childFailures ?? []).ToList();
        if (node.Phase.FailedOrError())
        {
            failures.Add(WorkflowFailures.Describe(run.Workflow.Name, node));
        }

        return new NodeResult
        {
            NodeId = node.Id,
            Phase = node.Phase,
            Message = node.Message,
            Outputs = node.Outputs,
            PodIp = node.PodIp,
            StartedAt = node.StartedAt,
            FinishedAt = node.FinishedAt,
            Failures = failures,
            Outbound = OutboundNodes.Self(node.Name),
        };
    }

    /// <summary>The node type of a leaf or suspend template.</summary>
    public static NodeType TypeOf(TemplateBody body) => body switch
    {
        HttpBody => NodeType.Http,
        PluginBody => NodeType.Plugin,
        SuspendBody => NodeType.Suspend,
        StepsBody => NodeType.Steps,
        DagBody => NodeType.Dag,
        _ => NodeType.Pod,
    };
}
