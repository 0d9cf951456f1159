namespace Durango.Core.Spec;

/// <summary>The three Argo kinds that carry a workflow spec.</summary>
public enum WorkflowKind
{
    /// <summary>A runnable <c>Workflow</c>.</summary>
    Workflow,

    /// <summary>A namespaced <c>WorkflowTemplate</c>, referenced by <c>templateRef</c>.</summary>
    WorkflowTemplate,

    /// <summary>A <c>ClusterWorkflowTemplate</c>, referenced with <c>clusterScope: true</c>.</summary>
    ClusterWorkflowTemplate,

    /// <summary>A <c>CronWorkflow</c>: a workflow spec started on a schedule (<see cref="WorkflowDocument.Cron"/>).</summary>
    CronWorkflow,
}

/// <summary>Questions about a <see cref="WorkflowKind"/>.</summary>
public static class WorkflowKinds
{
    /// <summary>True for the kinds whose spec runs as it is (a Workflow, a CronWorkflow's workflowSpec), not as a template library.</summary>
    public static bool IsRunnable(this WorkflowKind kind) => kind is WorkflowKind.Workflow or WorkflowKind.CronWorkflow;
}

/// <summary>One Argo object as the user wrote it: kind, metadata and spec.</summary>
public sealed record WorkflowDocument
{
    /// <summary>Which kind of object this is.</summary>
    public required WorkflowKind Kind { get; init; }

    /// <summary>The <c>apiVersion</c>; Argo's is <c>argoproj.io/v1alpha1</c>.</summary>
    public string ApiVersion { get; init; } = "argoproj.io/v1alpha1";

    /// <summary>Name, labels and annotations.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The workflow spec; for a CronWorkflow, its <c>spec.workflowSpec</c>.</summary>
    public WorkflowSpec Spec { get; init; } = new();

    /// <summary>A CronWorkflow's schedule and policies (its <c>spec</c> without <c>workflowSpec</c>); null for other kinds.</summary>
    public CronWorkflowSpec? Cron { get; init; }

    /// <summary>The template named <paramref name="name"/>, or null.</summary>
    public Template? FindTemplate(string name) => Spec.Templates.FirstOrDefault(t => t.Name == name);
}

/// <summary>Kubernetes object metadata, the part Argo users write.</summary>
public sealed record ObjectMeta
{
    /// <summary>The object's name.</summary>
    public string? Name { get; init; }

    /// <summary>A prefix to which a random suffix is added on submission.</summary>
    public string? GenerateName { get; init; }

    /// <summary>The namespace; Durango records it for <c>workflow.namespace</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyMap.Strings;

    /// <summary>Annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = EmptyMap.Strings;
}

/// <summary>Shared empty collections, so that records default to empty rather than null.</summary>
internal static class EmptyMap
{
    public static readonly IReadOnlyDictionary<string, string> Strings = new Dictionary<string, string>();
    public static readonly IReadOnlyDictionary<string, LifecycleHook> Hooks = new Dictionary<string, LifecycleHook>();
}
