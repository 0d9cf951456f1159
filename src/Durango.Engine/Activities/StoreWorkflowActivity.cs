using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>The input of <see cref="StoreWorkflowActivity"/>.</summary>
/// <param name="WorkflowName">The workflow (and store partition).</param>
/// <param name="Key">The spec's content key (<see cref="Orchestration.WorkflowSpecs.KeyOf"/>).</param>
/// <param name="Json">The resolved workflow, serialized.</param>
public sealed record StoreWorkflowInput(string WorkflowName, string Key, string Json);

/// <summary>
/// Stores a run's resolved workflow once, under its content key, before the root starts any child: every other
/// orchestration of the run gets the spec by that key (<see cref="Orchestration.WorkflowSpecs"/>). Idempotent.
/// </summary>
public sealed class StoreWorkflowActivity(IOutputStore store) : TaskActivity<StoreWorkflowInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, StoreWorkflowInput input)
    {
        await StoreRetry.RunAsync(async c => await store.PutAsync(input.WorkflowName, input.Key, input.Json, c).ConfigureAwait(false)).ConfigureAwait(false);
        return true;
    }
}
