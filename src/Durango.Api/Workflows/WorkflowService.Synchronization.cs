using Durango.Core.Resolution;
using Durango.Engine.Locks;
using Durango.Engine.Semantics;

namespace Durango.Api.Workflows;

/// <content>A running workflow's <c>status.synchronization</c>, read from the lock orchestrations it uses.</content>
public sealed partial class WorkflowService
{
    private async Task<SynchronizationStatus?> SynchronizationAsync(ResolvedWorkflow workflow, CancellationToken cancellationToken)
    {
        // Names with tags are substituted with the globals; a template's lock named from its inputs is not shown.
        var globals = Globals.For(workflow);
        var locks = new[] { workflow.Synchronization }.Concat(workflow.Templates.Values.Select(t => t.Synchronization))
            .SelectMany(s => SynchronizationRules.Locks(SynchronizationRules.Substitute(s, globals).Synchronization, workflow.Namespace))
            .DistinctBy(l => l.Key)
            .ToList();
        if (locks.Count == 0)
        {
            return null;
        }

        var states = new List<(LockRef, LockState)>();
        foreach (var lockRef in locks)
        {
            var metadata = await client.GetInstancesAsync(SynchronizationRules.InstanceId(lockRef.Key), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (metadata?.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<LockState>() is { } state)
            {
                states.Add((lockRef, state));
            }
        }

        return SynchronizationRules.Status(workflow.Name, states);
    }
}
