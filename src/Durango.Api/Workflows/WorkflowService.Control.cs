using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <summary>What a control request did.</summary>
public enum ControlOutcome
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No such workflow.</summary>
    NotFound,

    /// <summary>The workflow has already ended, so there is nothing to control.</summary>
    NotRunning,
}

/// <content>Argo's stop, terminate, suspend and resume, and deleting a workflow with everything it left.</content>
public sealed partial class WorkflowService
{
    /// <summary>Argo's <c>stop</c>: running nodes fail, nothing new starts, exit handlers still run.</summary>
    public Task<ControlOutcome> StopAsync(string name, CancellationToken cancellationToken = default) => StopAsync(name, null, cancellationToken);

    /// <summary>Argo's <c>stop</c> with a message for the stopped nodes.</summary>
    public Task<ControlOutcome> StopAsync(string name, string? message, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrEmpty(message) ? ArgoMessages.Stopped : message;
        return SignalAsync(name, new ControlSignal(ControlKind.Stop, text), () => leaves.Stop(name, text), cancellationToken);
    }

    /// <summary>Argo's <c>suspend</c>: nothing new starts until resumed.</summary>
    public Task<ControlOutcome> SuspendAsync(string name, CancellationToken cancellationToken = default) =>
        SignalAsync(name, new ControlSignal(ControlKind.Suspend), null, cancellationToken);

    /// <summary>
    /// Argo's <c>terminate</c>: Durable terminate of the workflow and of every child orchestration still running (the
    /// provider does not do it recursively), so no <c>finally</c> runs and the exit handler is skipped, as in Argo.
    /// Nodes left running end Failed (<see cref="WorkflowTermination"/>). It returns once every one of them has ended.
    /// </summary>
    public async Task<ControlOutcome> TerminateAsync(string name, CancellationToken cancellationToken = default)
    {
        var root = await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ControlOutcome.NotFound;
        }

        if (root.IsCompleted)
        {
            return ControlOutcome.NotRunning;
        }

        await client.RaiseEventAsync(name, ControlSignal.EventName, new ControlSignal(ControlKind.Terminate), cancellationToken).ConfigureAwait(false);
        await client.TerminateInstanceAsync(name, ArgoMessages.Terminated, cancellationToken).ConfigureAwait(false);
        await TerminateChildrenAsync(name, cancellationToken).ConfigureAwait(false);
        leaves.Terminate(name, ArgoMessages.Terminated);
        var unfinished = WorkflowTermination.EndUnfinished((await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false)).Values, time.GetUtcNow());
        await nodes.WriteAsync(name, unfinished, cancellationToken).ConfigureAwait(false);
        await client.WaitForInstanceCompletionAsync(name, cancellationToken).ConfigureAwait(false);
        return ControlOutcome.Done;
    }

    /// <summary>Deletes a workflow: terminates it if it runs, then purges its history, nodes and logs.</summary>
    public async Task<ControlOutcome> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var root = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ControlOutcome.NotFound;
        }

        if (!root.IsCompleted)
        {
            await TerminateAsync(name, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var child in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"{name}:" }).ConfigureAwait(false))
        {
            await client.PurgeInstanceAsync(child.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        if (WorkflowInputs.Read(root)?.Workflow is { } workflow && Engine.Semantics.ArtifactGarbage.Any(workflow))
        {
            // Argo's OnWorkflowDeletion: the node tree says which outputs were stored, so it goes after them.
            await artifacts.CollectAsync(name, workflow.ArtifactGC, Core.Spec.ArtifactGC.OnWorkflowDeletion, cancellationToken).ConfigureAwait(false);
        }

        await client.PurgeInstanceAsync(name, cancellationToken).ConfigureAwait(false);
        await nodes.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        await logs.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        await outputs.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        return ControlOutcome.Done;
    }

    /// <summary>
    /// Waits, at most <paramref name="patience"/>, until the durable state shows the workflow <paramref name="suspended"/>
    /// (or ended), so that the answer to a suspend or resume shows it done, as argo-server's does.
    /// </summary>
    public async Task AwaitSuspendedAsync(string name, bool suspended, TimeSpan patience, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + patience;
        while (time.GetUtcNow() < until
            && await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false) is { IsCompleted: false } metadata
            && (metadata.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<WorkflowSummary>()?.Suspended == true) != suspended)
        {
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ControlOutcome> SignalAsync(string name, ControlSignal signal, Action? cancelLeaves, CancellationToken cancellationToken)
    {
        var root = await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ControlOutcome.NotFound;
        }

        if (root.IsCompleted)
        {
            return ControlOutcome.NotRunning;
        }

        await client.RaiseEventAsync(name, ControlSignal.EventName, signal, cancellationToken).ConfigureAwait(false);
        cancelLeaves?.Invoke();
        return ControlOutcome.Done;
    }

    /// <summary>
    /// Terminates the child orchestrations of <paramref name="name"/> and waits for their ends, until none runs: a
    /// child may start one of its own before its terminate arrives, and a purge (<see cref="DeleteAsync"/>) only
    /// takes instances that have ended.
    /// </summary>
    private async Task TerminateChildrenAsync(string name, CancellationToken cancellationToken)
    {
        while (await RunningChildrenAsync(name, cancellationToken).ConfigureAwait(false) is { Count: > 0 } running)
        {
            foreach (var child in running)
            {
                await client.TerminateInstanceAsync(child, ArgoMessages.Terminated, cancellationToken).ConfigureAwait(false);
            }

            foreach (var child in running)
            {
                await client.WaitForInstanceCompletionAsync(child, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<string>> RunningChildrenAsync(string name, CancellationToken cancellationToken)
    {
        var running = new List<string>();
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = $"{name}:",
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended],
        };
        await foreach (var child in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            running.Add(child.InstanceId);
        }

        return running;
    }
}
