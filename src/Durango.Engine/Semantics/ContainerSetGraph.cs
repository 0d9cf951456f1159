using System.Globalization;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>How one container of a set ended: its phase, why, and its exit code.</summary>
/// <param name="Phase">Succeeded, Failed or Error.</param>
/// <param name="Message">Why, when not Succeeded.</param>
/// <param name="ExitCode">The exit code, when its command ran.</param>
public sealed record ContainerEnd(NodePhase Phase, string? Message, int? ExitCode);

/// <summary>
/// Argo's rules for the containers of a <c>containerSet</c> (the emissary in upstream
/// <c>cmd/argoexec/commands/emissary.go</c>, <c>container_set_template_types.go</c>, and
/// <c>workflow/controller/container_set_template.go</c> for the nodes): a container starts once every dependency has
/// succeeded; one whose dependency failed never runs ("dependency "a" exited with non-zero code: 1"); a failing
/// command runs again up to <c>retryStrategy.retries</c> times in all, <c>duration</c> apart; the pod succeeds when
/// every container did.
/// </summary>
public static class ContainerSetGraph
{
    /// <summary>
    /// The exit code of the emissary itself when it cannot run a container's command (upstream <c>cmd/argoexec/main.go</c>:
    /// an error of its own exits 64, as when the command is not in <c>$PATH</c>).
    /// </summary>
    public const int EmissaryExitCode = 64;

    /// <summary>
    /// How a container whose command does not exist ends: its node is Error (upstream <c>operator.go</c>,
    /// <c>podReconciliation</c>: exit code 64 is the emissary's error), with the emissary's exit code, so its pod Fails
    /// as a pod whose main container exited non-zero does (<c>inferFailedReason</c>) and containers depending on it see 64.
    /// </summary>
    public static ContainerEnd CommandNotFound(string message) => new(NodePhase.Error, message, EmissaryExitCode);

    /// <summary>The node name of container <paramref name="container"/> of pod node <paramref name="podNode"/> (<c>pod.name</c>).</summary>
    public static string NodeName(string podNode, string container) => $"{podNode}.{container}";

    /// <summary>
    /// The containers the nodes after the pod hang from (upstream's <c>getOutboundNodes</c> for a pod of a container
    /// set): those no other container depends on.
    /// </summary>
    public static IReadOnlyList<string> Outbound(ContainerSetBody set) =>
        set.Containers
            .Where(c => !set.Containers.Any(other => other.Dependencies.Contains(c.Name, StringComparer.Ordinal)))
            .Select(c => c.Name)
            .ToList();

    /// <summary>Containers that may start now: not started, every dependency Succeeded.</summary>
    public static IReadOnlyList<string> Ready(ContainerSetBody set, IReadOnlyDictionary<string, NodePhase> phases) =>
        set.Containers
            .Where(c => phases.GetValueOrDefault(c.Name) == NodePhase.Pending)
            .Where(c => c.Dependencies.All(d => phases.GetValueOrDefault(d) == NodePhase.Succeeded))
            .Select(c => c.Name)
            .ToList();

    /// <summary>
    /// Containers that will never run, each with upstream's message: not started, and a dependency ended other than
    /// Succeeded.
    /// </summary>
    public static IReadOnlyList<(string Name, ContainerEnd End)> Blocked(ContainerSetBody set, IReadOnlyDictionary<string, ContainerEnd> ended) =>
        set.Containers
            .Where(c => !ended.ContainsKey(c.Name))
            .Select(c => (c.Name, Failed: c.Dependencies.FirstOrDefault(d => ended.TryGetValue(d, out var end) && end.Phase != NodePhase.Succeeded)))
            .Where(b => b.Failed is not null)
            .Select(b =>
            {
                var code = ended[b.Failed!].ExitCode ?? 1;
                return (b.Name, new ContainerEnd(NodePhase.Failed, string.Create(CultureInfo.InvariantCulture, $"dependency \"{b.Failed}\" exited with non-zero code: {code}"), code));
            })
            .ToList();

    /// <summary>How many times a failing command runs (upstream's back-off steps, <c>retries</c>; at least once).</summary>
    public static int Attempts(ContainerSetRetry? retry) =>
        retry?.Retries is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) && retries > 1 ? retries : 1;

    /// <summary>The wait between runs of a failing command: <c>duration</c>, or none.</summary>
    public static TimeSpan Delay(ContainerSetRetry? retry) =>
        ArgoDuration.TryParse(retry?.Duration, out var delay) && delay > TimeSpan.Zero ? delay : TimeSpan.Zero;

    /// <summary>
    /// The pod's phase and message: Succeeded when every container did, else the first container (in order) that did not:
    /// Failed for a container whose command ran or was not found (every container of a set is a main container, and
    /// upstream's <c>inferFailedReason</c> fails a pod whose main container exited non-zero), Error for one that could not
    /// be started at all.
    /// </summary>
    public static ContainerEnd Pod(ContainerSetBody set, IReadOnlyDictionary<string, ContainerEnd> ended)
    {
        foreach (var container in set.Containers)
        {
            var end = ended.GetValueOrDefault(container.Name) ?? new ContainerEnd(NodePhase.Error, $"container \"{container.Name}\" did not run", null);
            if (end.Phase != NodePhase.Succeeded)
            {
                return end.Phase == NodePhase.Error && end.ExitCode is null ? end : end with { Phase = NodePhase.Failed };
            }
        }

        return new ContainerEnd(NodePhase.Succeeded, null, ended.GetValueOrDefault(ContainerSetBody.MainContainer)?.ExitCode ?? 0);
    }
}
