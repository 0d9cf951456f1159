using Durango.Engine.Model;

namespace Durango.Engine.Executors;

/// <summary>
/// The node a leaf runs as, and a way to write records of the nodes it makes under itself while it runs (the
/// containers of a <c>containerSet</c>).
/// </summary>
/// <param name="Node">The leaf's Running record.</param>
/// <param name="Record">Writes node records to the node store.</param>
/// <param name="Daemoned">Called when the leaf is a daemon that became ready (<see cref="RunningLeaves.Registration.Daemoned"/>).</param>
public sealed record LeafNode(NodeStatus Node, Func<IReadOnlyList<NodeStatus>, CancellationToken, Task> Record, Action? Daemoned = null);
