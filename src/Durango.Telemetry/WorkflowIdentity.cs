using Durango.Api.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Telemetry;

/// <summary>A workflow's namespace, uid and creation time, as its orchestration's tags record them.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Uid">The uid.</param>
/// <param name="Created">When it was submitted.</param>
public sealed record WorkflowIdentity(string Namespace, string Uid, DateTimeOffset Created)
{
    /// <summary>
    /// Looks the workflow up through the <see cref="DurableTaskClient"/> registered in <paramref name="services"/> (the embedded
    /// host has one; the Functions worker gets its client per invocation, so there it is null and spans carry the name only).
    /// </summary>
    public static async Task<WorkflowIdentity?> FindAsync(IServiceProvider services, string workflow)
    {
        if (services.GetService<DurableTaskClient>() is not { } client)
        {
            return null;
        }

        try
        {
            var metadata = await client.GetInstanceAsync(workflow, getInputsAndOutputs: false).ConfigureAwait(false);
            return metadata is not null && WorkflowTags.Read(metadata) is { } view ? new WorkflowIdentity(view.Namespace, view.Uid, view.CreationTimestamp) : null;
        }
        catch (Exception)
        {
            // Telemetry never fails a write: without the lookup, the span has the name only.
            return null;
        }
    }
}
