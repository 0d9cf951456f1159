using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Where a long steps template left off when it continued as new: the next group, its node, the variables the
/// finished groups made, and what it had collected. Replaying the whole history at every step makes a long chain
/// quadratic; continuing as new every few groups keeps each history short (README, "Benchmarks").
/// </summary>
/// <param name="NextGroup">The index of the group to run next.</param>
/// <param name="StepsNode">The steps node's Running record.</param>
/// <param name="Scope">The variables in scope, finished steps' outputs included.</param>
/// <param name="Failures">Failures of the finished groups.</param>
/// <param name="Published">Global outputs published so far.</param>
/// <param name="LastGroup">The last group that ran, which the next one hangs from.</param>
public sealed record StepsProgress(
    int NextGroup,
    NodeStatus StepsNode,
    IReadOnlyDictionary<string, string> Scope,
    IReadOnlyList<FailedNode> Failures,
    IReadOnlyDictionary<string, string> Published,
    StepGroupEnds? LastGroup = null)
{
    /// <summary>
    /// Whether the workflow was suspended when the orchestration continued as new: read then, not when the progress
    /// was made, since a signal can arrive while the writes settle (<see cref="TemplateOrchestrator"/>).
    /// </summary>
    public bool Suspended { get; init; }
}

/// <summary>A step group that ran, by name, with the outbound nodes of each of its children, in order.</summary>
/// <param name="GroupName">The group's node name.</param>
/// <param name="Children">Each child's <see cref="NodeOutbound"/>.</param>
public sealed record StepGroupEnds(string GroupName, IReadOnlyList<NodeOutbound> Children);
