namespace Durango.Core.Spec;

/// <summary>The <c>spec</c> of a Workflow, WorkflowTemplate or ClusterWorkflowTemplate.</summary>
public sealed record WorkflowSpec
{
    /// <summary>The template the workflow starts with.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>Workflow parameters, <c>{{workflow.parameters.x}}</c>.</summary>
    public Arguments Arguments { get; init; } = Arguments.None;

    /// <summary>The templates, in the order written.</summary>
    public IReadOnlyList<Template> Templates { get; init; } = [];

    /// <summary>The exit handler's template name (<c>spec.onExit</c>).</summary>
    public string? OnExit { get; init; }

    /// <summary>Workflow-level lifecycle hooks; the one named <c>exit</c> is an exit handler.</summary>
    public IReadOnlyDictionary<string, LifecycleHook> Hooks { get; init; } = EmptyMap.Hooks;

    /// <summary>Seconds after which the running nodes fail; the exit handler still runs.</summary>
    public string? ActiveDeadlineSeconds { get; init; }

    /// <summary>The most nodes of the workflow that may run at once.</summary>
    public int? Parallelism { get; init; }

    /// <summary>A retry strategy applied to every template that has none.</summary>
    public RetryStrategy? RetryStrategy { get; init; }

    /// <summary>Fields merged into every template at submission.</summary>
    public Template? TemplateDefaults { get; init; }

    /// <summary>Labels and annotations the workflow gets (<c>spec.workflowMetadata</c>).</summary>
    public WorkflowMetadata? WorkflowMetadata { get; init; }

    /// <summary>Mutexes and semaphores the whole workflow holds while it runs.</summary>
    public Synchronization? Synchronization { get; init; }

    /// <summary>Argo's <c>spec.priority</c>: higher goes first in the queues of mutexes and semaphores.</summary>
    public int? Priority { get; init; }

    /// <summary>When stored output artifacts are deleted (<c>spec.artifactGC</c>); each artifact may override it.</summary>
    public ArtifactGC? ArtifactGC { get; init; }

    /// <summary>The artifact repository outputs go to (<c>spec.artifactRepositoryRef</c>); null: the default repository.</summary>
    public ArtifactRepositoryRef? ArtifactRepositoryRef { get; init; }

    /// <summary>Argo's <c>spec.archiveLogs</c>: every step's log is also saved as its <c>main-logs</c> artifact.</summary>
    public bool? ArchiveLogs { get; init; }

    /// <summary>Take the spec from a stored template instead of this one.</summary>
    public WorkflowTemplateRef? WorkflowTemplateRef { get; init; }

    /// <summary>
    /// The exit handler's template: <c>onExit</c> wins over <c>hooks.exit</c> when both are set, as in Argo.
    /// </summary>
    public string? ExitHandlerTemplate =>
        OnExit ?? (Hooks.TryGetValue(LifecycleHook.ExitHookName, out var exit) ? exit.Template : null);
}

/// <summary><c>spec.workflowTemplateRef</c>: the spec comes from a stored template.</summary>
public sealed record WorkflowTemplateRef(string Name, bool ClusterScope);

/// <summary>Parameters and artifacts passed to a template.</summary>
public sealed record Arguments
{
    /// <summary>No arguments.</summary>
    public static readonly Arguments None = new();

    /// <summary>Parameters, by position.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>Artifacts, by position.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    /// <summary>The value of parameter <paramref name="name"/>, or null.</summary>
    public Parameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
