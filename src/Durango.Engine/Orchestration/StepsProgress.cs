using Durango.Engine.Model;

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
/// <param name="Suspended">Whether the workflow was suspended.</param>
public sealed record StepsProgress(
    int NextGroup,
    NodeStatus StepsNode,
    IReadOnlyDictionary<string, string> Scope,
    IReadOnlyList<FailedNode> Failures,
    IReadOnlyDictionary<string, string> Published,
    bool Suspended);
