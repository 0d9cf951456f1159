using System.Text.RegularExpressions;

namespace Durango.Api.Workflows;

/// <summary>Which log lines to read: argo-server's log options.</summary>
/// <param name="Node">One node: its id, name, display name or pod name; null for every leaf node.</param>
/// <param name="Follow">Keep reading until the workflow ends.</param>
/// <param name="TailLines">Only the last lines of each node's log.</param>
/// <param name="SinceSeconds">Only nodes still running, or that finished, within this many seconds.</param>
/// <param name="Grep">Only lines this matches (a regular expression run by the linear-time engine).</param>
public sealed record LogRequest(string? Node = null, bool Follow = false, int? TailLines = null, long? SinceSeconds = null, Regex? Grep = null);

/// <summary>One line of a workflow's logs, with the node it came from.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="NodeName">The node's display name.</param>
/// <param name="PodName">Argo's pod name for the node.</param>
/// <param name="Text">The line.</param>
public sealed record LogLine(string NodeId, string NodeName, string PodName, string Text);
