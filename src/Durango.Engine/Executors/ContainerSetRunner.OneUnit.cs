using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Executors;

/// <content>A containerSet on a runtime that runs the whole pod as one unit (<see cref="IContainerSetRuntime"/>, an ACI container group).</content>
internal sealed partial class ContainerSetRunner
{
    /// <summary>
    /// The pod as one unit of a runtime that starts all its containers together and keeps their order itself (an ACI
    /// container group): what it reports as terminated moves the same state as <see cref="RunAsync"/> does, by the same rules — a container
    /// is Running once its dependencies succeeded, Blocked when one did not, and ends with what the unit reports.
    /// </summary>
    private static async Task<LeafOutcome> RunAsOneAsync(
        IContainerSetRuntime unit, string workflow, string podName, Template template, ContainerSetBody set,
        Func<ContainerSetMember, IReadOnlyList<HostVolume>, Prepared> prepare, NodeLog log, LeafNode? node, IArtifactExchange? artifacts, CancellationToken cancellationToken)
    {
        var ended = new Dictionary<string, ContainerEnd>(StringComparer.Ordinal);
        var phases = set.Containers.ToDictionary(c => c.Name, _ => NodePhase.Pending, StringComparer.Ordinal);
        var results = new Dictionary<string, ContainerResult>(StringComparer.Ordinal);
        var nodes = new ContainerNodes(workflow, template.Name, node, log);
        await nodes.WriteAsync(set.Containers.Select(c => nodes.Pending(set, c)).Append(nodes.PodLinks(set)), cancellationToken).ConfigureAwait(false);

        async Task<bool> AdvanceAsync(IReadOnlyDictionary<string, ContainerResult> terminated, CancellationToken token)
        {
            var records = new List<NodeStatus>();
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (name, end) in ContainerSetGraph.Blocked(set, ended).Where(b => phases[b.Name] == NodePhase.Pending))
                {
                    (ended[name], phases[name], changed) = (end, end.Phase, true);
                    records.Add(nodes.Ended(name, end, null));
                }

                foreach (var name in ContainerSetGraph.Ready(set, phases))
                {
                    (phases[name], changed) = (NodePhase.Running, true);
                    records.Add(nodes.Running(name));
                }

                foreach (var (name, result) in terminated.Where(t => phases.GetValueOrDefault(t.Key) == NodePhase.Running))
                {
                    var end = EndOf(result.ExitCode);
                    (ended[name], phases[name], results[name], changed) = (end, end.Phase, result, true);
                    records.Add(nodes.Ended(name, end, result));
                }
            }

            if (records.Count > 0)
            {
                await nodes.WriteAsync(records, token).ConfigureAwait(false);
            }

            return ended.Count == set.Containers.Count;
        }

        var members = new List<ContainerSetMemberRequest>();
        foreach (var member in set.Containers)
        {
            var prepared = prepare(member, []);
            if (prepared.Request is { } request)
            {
                members.Add(new ContainerSetMemberRequest(member.Name, member.Dependencies, request));
            }
            else
            {
                // As a pod whose container cannot be configured (a missing secret): nothing of it is created.
                (ended[member.Name], phases[member.Name]) = (new ContainerEnd(prepared.Error!.Phase, prepared.Error.Message, null), prepared.Error.Phase);
                await nodes.WriteAsync([nodes.Ended(member.Name, ended[member.Name], null)], cancellationToken).ConfigureAwait(false);
            }
        }

        if (ended.Count == 0)
        {
            try
            {
                await AdvanceAsync(new Dictionary<string, ContainerResult>(), cancellationToken).ConfigureAwait(false);
                var request = new ContainerSetRequest(workflow, podName, members, set.VolumeMounts, ContainerSetGraph.Attempts(set.Retry), ContainerSetGraph.Delay(set.Retry), log, artifacts);
                await unit.RunSetAsync(request, AdvanceAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (ContainerStartException e)
            {
                var end = new ContainerEnd(NodePhase.Error, log.Redact(e.Message), null);
                foreach (var name in set.Containers.Select(c => c.Name).Where(n => !ended.ContainsKey(n)).ToList())
                {
                    (ended[name], phases[name]) = (end, end.Phase);
                    await nodes.WriteAsync([nodes.Ended(name, end, null)], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var pod = ContainerSetGraph.Pod(set, ended);
        var main = results.GetValueOrDefault(ContainerSetBody.MainContainer);
        return new LeafOutcome(pod.Phase, pod.Message, main?.Stdout.TrimEnd('\n', '\r'), pod.ExitCode, main?.OutputFiles);
    }
}
