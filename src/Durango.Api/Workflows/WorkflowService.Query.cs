using System.Globalization;
using Durango.Core.Loading;
using Durango.Engine;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <content>Reading workflows: one as Argo shows it, or a filtered page of them.</content>
public sealed partial class WorkflowService
{
    /// <summary>Workflow <paramref name="name"/>, or null when there is none.</summary>
    public async Task<WorkflowView?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.Name != DurangoTasks.Workflow)
        {
            return null;
        }

        var input = metadata.ReadInputAs<WorkflowRunInput>()!;
        var workflow = input.Workflow;
        var tree = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
        var status = Status(metadata, tree);
        var view = new WorkflowMetadataView(workflow.Name, workflow.Namespace, workflow.Uid, workflow.CreationTimestamp, workflow.Labels, workflow.Annotations);
        var spec = input.Source is null ? null : YamlJson.Convert(input.Source, input.DocumentIndex)?["spec"];
        return new WorkflowView(view, spec?.DeepClone(), status);
    }

    /// <summary>Workflows matching <paramref name="filter"/>, newest first, a page at a time.</summary>
    public async Task<WorkflowPage> ListAsync(WorkflowFilter filter, CancellationToken cancellationToken = default)
    {
        var items = new List<WorkflowListItem>();
        var query = new OrchestrationQuery { InstanceIdPrefix = filter.Prefix, FetchInputsAndOutputs = true };
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (metadata.Name != DurangoTasks.Workflow || metadata.InstanceId.Contains(':', StringComparison.Ordinal)
                || metadata.ReadInputAs<WorkflowRunInput>() is not { } input)
            {
                continue;
            }

            var workflow = input.Workflow;
            var status = Status(metadata, new Dictionary<string, NodeStatus>());
            if (filter.Matches(status.Phase, workflow.Labels))
            {
                items.Add(new WorkflowListItem(workflow.Name, status.Phase, workflow.CreationTimestamp, status.StartedAt, status.FinishedAt, status.Message, workflow.Labels));
            }
        }

        var ordered = items.OrderByDescending(i => i.CreationTimestamp).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
        var page = ordered.Skip(filter.Offset).Take(filter.Limit).ToList();
        var next = filter.Offset + page.Count < ordered.Count ? (filter.Offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new WorkflowPage(page, next);
    }

    /// <summary>The phase Argo would show for <paramref name="metadata"/>, from the orchestration's state.</summary>
    private static WorkflowStatusView Status(OrchestrationMetadata metadata, IReadOnlyDictionary<string, NodeStatus> tree)
    {
        var leaves = tree.Values.Where(n => n.Type is NodeType.Pod or NodeType.Http or NodeType.Plugin).ToList();
        var progress = string.Create(CultureInfo.InvariantCulture, $"{leaves.Count(n => n.Phase == NodePhase.Succeeded)}/{leaves.Count}");
        var nodesById = tree.OrderBy(n => n.Value.StartedAt ?? DateTimeOffset.MaxValue).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        var summary = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<WorkflowSummary>();
        var root = tree.Values.FirstOrDefault(n => n.Name == metadata.InstanceId);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunOutput>() is { } output:
                return new WorkflowStatusView
                {
                    Phase = output.Phase,
                    StartedAt = output.StartedAt,
                    FinishedAt = output.FinishedAt,
                    Message = output.Message,
                    Progress = progress,
                    Nodes = nodesById,
                    Outputs = output.Outputs.Count == 0 ? null : new WorkflowOutputsView(output.Outputs
                        .Select(o => new ParameterValue(o.Key["workflow.outputs.parameters.".Length..], o.Value)).ToList()),
                };
            case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                return new WorkflowStatusView
                {
                    Phase = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? WorkflowPhase.Error : WorkflowPhase.Failed,
                    StartedAt = summary?.StartedAt ?? root?.StartedAt ?? metadata.CreatedAt,
                    FinishedAt = metadata.LastUpdatedAt,
                    Message = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? metadata.FailureDetails?.ErrorMessage : ArgoMessages.Terminated,
                    Progress = progress,
                    Nodes = nodesById,
                };
            case OrchestrationRuntimeStatus.Pending:
                return new WorkflowStatusView { Phase = WorkflowPhase.Pending, Progress = progress, Nodes = nodesById };
            default:
                return new WorkflowStatusView
                {
                    Phase = WorkflowPhase.Running,
                    StartedAt = summary?.StartedAt ?? metadata.CreatedAt,
                    Suspended = summary?.Suspended ?? false,
                    Progress = progress,
                    Nodes = nodesById,
                };
        }
    }
}
