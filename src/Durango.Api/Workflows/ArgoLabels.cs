using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>The labels Argo sets on workflows, which its clients filter on (<c>argo list --status Running</c>).</summary>
public static class ArgoLabels
{
    /// <summary>The workflow's phase.</summary>
    public const string Phase = "workflows.argoproj.io/phase";

    /// <summary><c>true</c> once the workflow has ended, else <c>false</c>.</summary>
    public const string Completed = "workflows.argoproj.io/completed";

    /// <summary>The WorkflowTemplate a workflow was submitted from.</summary>
    public const string WorkflowTemplate = "workflows.argoproj.io/workflow-template";

    /// <summary>The ClusterWorkflowTemplate a workflow was submitted from.</summary>
    public const string ClusterWorkflowTemplate = "workflows.argoproj.io/cluster-workflow-template";

    /// <summary>On a resubmitted workflow, the workflow it was resubmitted from (upstream's <c>LabelKeyPreviousWorkflowName</c>).</summary>
    public const string ResubmittedFrom = "workflows.argoproj.io/resubmitted-from-workflow";

    /// <summary>The CronWorkflow that started a workflow.</summary>
    public const string CronWorkflow = "workflows.argoproj.io/cron-workflow";

    /// <summary>
    /// The label naming the template a workflow's <c>workflowTemplateRef</c> points at (none without one), which upstream's
    /// controller sets on every such workflow (<c>workflow/controller/operator.go</c>), not only on <c>submit --from</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OfTemplateRef(Core.Spec.WorkflowTemplateRef? reference) =>
        reference is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [reference.ClusterScope ? ClusterWorkflowTemplate : WorkflowTemplate] = reference.Name };

    /// <summary><paramref name="labels"/> with the phase and completed labels of <paramref name="phase"/>.</summary>
    public static IReadOnlyDictionary<string, string> WithStatus(IReadOnlyDictionary<string, string> labels, WorkflowPhase phase)
    {
        var all = new Dictionary<string, string>(labels, StringComparer.Ordinal)
        {
            [Phase] = phase.ToString(),
            [Completed] = phase.IsFinished() ? "true" : "false",
        };
        return all;
    }
}
