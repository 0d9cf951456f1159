using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Engine;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <content>Reading workflows: one as Argo shows it, or a filtered page of them.</content>
public sealed partial class WorkflowService
{
    /// <summary>Workflow <paramref name="name"/> in <paramref name="namespace"/>, or null when there is none there.</summary>
    public async Task<WorkflowView?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false) is { } view && view.Metadata.Namespace == @namespace ? view : null;

    /// <summary>Workflow <paramref name="name"/> (names are unique across namespaces), or null when there is none.</summary>
    public async Task<WorkflowView?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.Name != DurangoTasks.Workflow)
        {
            return null;
        }

        if (WorkflowInputs.Read(metadata) is not { } input)
        {
            // Pending, its input not readable until it starts (WorkflowInputs): what its tags say, as a list shows it.
            return Summary(metadata);
        }

        var workflow = input.Workflow;
        var tree = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
        var status = Status(metadata, tree);
        if (!metadata.IsCompleted)
        {
            status = status with { Synchronization = await SynchronizationAsync(workflow, cancellationToken).ConfigureAwait(false) };
        }

        var labels = ArgoLabels.WithStatus(workflow.Labels, status.Phase);
        var view = new WorkflowMetadataView(workflow.Name, workflow.Namespace, workflow.Uid, workflow.CreationTimestamp, labels, workflow.Annotations);
        var spec = input.Source is null ? null : _specs.Of(workflow.Name, input.Source, input.DocumentIndex, workflow.Parameters);
        return new WorkflowView(view, WithSuspend(spec, metadata), status);
    }

    /// <summary>
    /// Workflows matching <paramref name="filter"/>, newest first, a page at a time. Reads each instance's tags and
    /// status, never its input or node tree: the items carry metadata and status without nodes.
    /// </summary>
    public async Task<WorkflowList> ListAsync(WorkflowFilter filter, CancellationToken cancellationToken = default)
    {
        var items = new List<WorkflowView>();
        await foreach (var view in SummariesAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            items.Add(view);
        }

        var ordered = items.OrderByDescending(i => i.Metadata.CreationTimestamp).ThenBy(i => i.Metadata.Name, StringComparer.Ordinal).ToList();
        var page = filter.Limit > 0 ? ordered.Skip(filter.Offset).Take(filter.Limit).ToList() : ordered.Skip(filter.Offset).ToList();
        var end = filter.Offset + page.Count;
        var next = end < ordered.Count ? end.ToString(CultureInfo.InvariantCulture) : null;
        return new WorkflowList(new ListMetadata(next, next is null ? null : ordered.Count - end), page.Count == 0 ? null : page);
    }

    /// <summary>The selected workflows as list items (metadata and status, no spec, no nodes), in no particular order.</summary>
    internal async IAsyncEnumerable<WorkflowView> SummariesAsync(
        WorkflowFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (filter.Fields.Name is { } only)
        {
            // One workflow by name: a point read, not a scan.
            if (await client.GetInstancesAsync(only, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } metadata
                && Summary(await WithEndAsync(metadata, cancellationToken).ConfigureAwait(false)) is { } view && filter.Matches(view.Metadata))
            {
                yield return view;
            }

            yield break;
        }

        var query = new OrchestrationQuery { FetchInputsAndOutputs = false, PageSize = 500 };
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Summary(await WithEndAsync(metadata, cancellationToken).ConfigureAwait(false)) is { } view && filter.Matches(view.Metadata))
            {
                yield return view;
            }
        }
    }

    /// <summary>
    /// <paramref name="metadata"/>, read again with its output when it is a workflow that completed without the custom
    /// status a list item's phase comes from. DTFx's Azure Storage provider rebuilds the instance row of an orchestration
    /// whose host died between saving its end to the history and to the row, and the history holds no custom status:
    /// the workflow was listed as Running for ever (<c>ScaleOutTests</c>, a host killed with SIGKILL). Its output says
    /// how it ended.
    /// </summary>
    private async Task<OrchestrationMetadata> WithEndAsync(OrchestrationMetadata metadata, CancellationToken cancellationToken) =>
        metadata is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: null, Name: DurangoTasks.Workflow }
            && (metadata.SerializedCustomStatus is null || metadata.ReadCustomStatusAs<WorkflowSummary>() is null)
            ? await client.GetInstancesAsync(metadata.InstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) ?? metadata
            : metadata;

    /// <summary>A workflow's list item from its instance's tags and status; null for other orchestrations.</summary>
    private static WorkflowView? Summary(OrchestrationMetadata metadata)
    {
        if (metadata.Name != DurangoTasks.Workflow || WorkflowTags.Read(metadata) is not { } tagged)
        {
            return null;
        }

        var status = Status(metadata, tree: null);
        return new WorkflowView(tagged with { Labels = ArgoLabels.WithStatus(tagged.Labels, status.Phase) }, WithSuspend(null, metadata), status);
    }

    /// <summary><paramref name="spec"/> with <c>suspend: true</c> while the workflow is suspended, as argo-server shows it.</summary>
    private static JsonNode? WithSuspend(JsonNode? spec, OrchestrationMetadata metadata)
    {
        var suspended = !metadata.IsCompleted && metadata.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<WorkflowSummary>()?.Suspended == true;
        if (!suspended)
        {
            return spec;
        }

        var withSuspend = spec as JsonObject ?? [];
        withSuspend["suspend"] = true;
        return withSuspend;
    }

    /// <summary>The status Argo would show for <paramref name="metadata"/>, from the orchestration's state; nodes when given.</summary>
    private static WorkflowStatusView Status(OrchestrationMetadata metadata, IReadOnlyDictionary<string, NodeStatus>? tree)
    {
        var summary = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<WorkflowSummary>();
        var root = tree?.Values.FirstOrDefault(n => n.Name == metadata.InstanceId);
        var progress = tree is null ? default : WorkflowProgress.Of(tree);
        var status = new WorkflowStatusView
        {
            Phase = WorkflowPhase.Pending,
            Progress = tree is null ? null : progress.Workflow.ToString(),
            Nodes = tree?.OrderBy(n => n.Value.StartedAt ?? DateTimeOffset.MaxValue).ToDictionary(
                n => n.Key,
                n => NodeView.Of(n.Value, progress.Nodes.TryGetValue(n.Key, out var own) ? own.ToString() : null),
                StringComparer.Ordinal) ?? [],
        };
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed when metadata.SerializedOutput is not null && metadata.ReadOutputAs<WorkflowRunOutput>() is { } output:
                return status with
                {
                    Phase = output.Phase,
                    StartedAt = output.StartedAt,
                    FinishedAt = output.FinishedAt,
                    Message = output.Message,
                    Outputs = WorkflowOutputs.From(output.Outputs) is { } outputs ? new WorkflowOutputsView(outputs.Parameters, outputs.Artifacts) : null,
                };
            case OrchestrationRuntimeStatus.Completed when summary is not null:
                return status with { Phase = summary.Phase, StartedAt = summary.StartedAt, FinishedAt = summary.FinishedAt, Message = summary.Message };
            case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                return status with
                {
                    Phase = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? WorkflowPhase.Error : WorkflowPhase.Failed,
                    StartedAt = summary?.StartedAt ?? root?.StartedAt ?? metadata.CreatedAt,
                    FinishedAt = metadata.LastUpdatedAt,
                    Message = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? metadata.FailureDetails?.ErrorMessage : ArgoMessages.Terminated,
                };
            case OrchestrationRuntimeStatus.Pending:
                return status;
            default:
                return status with
                {
                    // Pending until it holds its workflow-level locks, with Argo's "Waiting for ... lock" once queued, and
                    // no startedAt yet, as upstream.
                    Phase = summary?.Phase == WorkflowPhase.Pending ? WorkflowPhase.Pending : WorkflowPhase.Running,
                    Message = summary?.Phase == WorkflowPhase.Pending ? summary.Message : null,
                    StartedAt = summary?.Phase == WorkflowPhase.Pending ? null : summary?.StartedAt ?? metadata.CreatedAt,
                };
        }
    }
}
