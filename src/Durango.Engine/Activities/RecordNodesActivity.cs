using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>Writes node records an orchestration made when no other activity would carry them soon.</summary>
public sealed class RecordNodesActivity(INodeStore nodes) : TaskActivity<RecordNodesInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordNodesInput input)
    {
        await nodes.WriteAsync(input.WorkflowName, input.Nodes).ConfigureAwait(false);
        return true;
    }
}
