using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Upstream's <c>getOutboundNodes</c> for one finished node, by node name: <paramref name="Names"/> are the nodes that
/// what follows it (the next step group, a DAG task depending on it) hangs from; <paramref name="Resolved"/> is the same
/// rule applied once more to each of them. The two differ only below a Retry node, whose outbound node is its last
/// attempt itself, which a steps or DAG node around it resolves further (to that attempt's own outbound nodes).
/// </summary>
/// <param name="Names">The node names <c>getOutboundNodes</c> gives for the node.</param>
/// <param name="Resolved">The names <c>getOutboundNodes</c> gives for each of <paramref name="Names"/>, in order.</param>
public sealed record NodeOutbound(IReadOnlyList<string> Names, IReadOnlyList<string> Resolved);

/// <summary>
/// Where Argo hangs the nodes that follow a node (upstream <c>operator.go</c> <c>getOutboundNodes</c>, <c>steps.go</c>
/// <c>executeSteps</c>/<c>updateOutboundNodes</c>, <c>dag.go</c> <c>executeDAGTask</c>/<c>updateOutboundNodesForTargetTasks</c>):
/// a pod, HTTP, plugin, suspend or skipped node is its own outbound node; a container set's pod gives its last
/// containers; a Retry node its last attempt; a loop (task group) its iterations'; a steps node those of its last step
/// group's children, a DAG node those of its target tasks (both also kept as the node's <c>outboundNodes</c>); a
/// memoized steps or DAG node that hit its cache is its own.
/// </summary>
public static class OutboundNodes
{
    /// <summary>A node that is its own outbound node.</summary>
    public static NodeOutbound Self(string name) => new([name], [name]);

    /// <summary>A Retry node's: its last attempt, <paramref name="attemptName"/>, whose own is <paramref name="attempt"/>.</summary>
    public static NodeOutbound OfRetry(string attemptName, NodeOutbound attempt) => new([attemptName], attempt.Resolved);

    /// <summary>
    /// A pod of container set <paramref name="set"/> whose containers' nodes exist: the containers no other depends on
    /// (upstream follows the pod's children down to the containers without children).
    /// </summary>
    public static NodeOutbound OfContainerSet(string podName, ContainerSetBody set)
    {
        var names = ContainerSetGraph.Outbound(set).Select(c => ContainerSetGraph.NodeName(podName, c)).ToList();
        return new(names, names);
    }

    /// <summary>A loop's task group <paramref name="name"/>: its <paramref name="iterations"/>', or itself without any.</summary>
    public static NodeOutbound OfTaskGroup(string name, IReadOnlyList<NodeOutbound> iterations) =>
        iterations.Count == 0 ? Self(name) : new(iterations.SelectMany(i => i.Names).ToList(), iterations.SelectMany(i => i.Resolved).ToList());

    /// <summary>
    /// A steps or DAG node that ran, from its <paramref name="ends"/> (the children of its last step group, or its target
    /// tasks): the names upstream keeps as the node's <c>outboundNodes</c>, and the node's own outbound nodes.
    /// </summary>
    public static (IReadOnlyList<string> Field, NodeOutbound Own) OfBoundary(IEnumerable<NodeOutbound> ends)
    {
        var list = ends.ToList();
        var resolved = list.SelectMany(e => e.Resolved).ToList();
        return (list.SelectMany(e => e.Names).ToList(), new(resolved, resolved));
    }

    /// <summary>
    /// The nodes step group <c>i &gt; 0</c> of a steps node hangs from: the outbound nodes of the previous group's
    /// <paramref name="children"/>, or the previous group <paramref name="previousGroup"/> itself when it has none.
    /// </summary>
    public static IReadOnlyList<string> GroupParents(string previousGroup, IReadOnlyList<NodeOutbound> children) =>
        children.Count == 0 ? [previousGroup] : children.SelectMany(c => c.Names).ToList();
}
