using Durango.Core.Spec;

namespace Durango.Core.Resolution;

/// <summary>
/// A workflow ready to run: every <c>templateRef</c>, <c>workflowTemplateRef</c>, inline template and
/// <c>templateDefaults</c> folded in at submission. Every step, task and hook names its template by a key into
/// <see cref="Templates"/>; the engine sees this copy and no other.
/// </summary>
public sealed record ResolvedWorkflow
{
    /// <summary>The workflow's name (generated from <c>generateName</c> if needed).</summary>
    public required string Name { get; init; }

    /// <summary>A unique id of this run.</summary>
    public required string Uid { get; init; }

    /// <summary>The namespace; <c>default</c> unless the metadata says otherwise.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>When the workflow was submitted, UTC.</summary>
    public required DateTimeOffset CreationTimestamp { get; init; }

    /// <summary>Labels (<c>workflow.labels.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations (<c>workflow.annotations.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The key of the entrypoint template.</summary>
    public required string Entrypoint { get; init; }

    /// <summary>The key of the exit handler's template, if any (<c>onExit</c> wins over <c>hooks.exit</c>).</summary>
    public string? ExitHandler { get; init; }

    /// <summary>Arguments of the exit handler (those of <c>hooks.exit</c>).</summary>
    public Arguments ExitHandlerArguments { get; init; } = Arguments.None;

    /// <summary>Workflow-level hooks other than <c>exit</c>, with template keys.</summary>
    public IReadOnlyDictionary<string, LifecycleHook> Hooks { get; init; } = new Dictionary<string, LifecycleHook>();

    /// <summary>Workflow parameters with their final values.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>Workflow artifacts (<c>spec.arguments.artifacts</c>): the entrypoint's input artifacts bind from them.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    /// <summary>When stored output artifacts are deleted (<c>spec.artifactGC</c>); each artifact may override it.</summary>
    public ArtifactGC? ArtifactGC { get; init; }

    /// <summary>Every template the run can reach, by key.</summary>
    public required IReadOnlyDictionary<string, Template> Templates { get; init; }

    /// <summary>Seconds after which running nodes fail (the exit handler still runs).</summary>
    public long? ActiveDeadlineSeconds { get; init; }

    /// <summary>The most leaf nodes that run at once in the whole workflow.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Mutexes and semaphores the whole workflow holds while it runs.</summary>
    public Synchronization? Synchronization { get; init; }

    /// <summary>Argo's <c>spec.priority</c>, for the queues of mutexes and semaphores (0 when unset).</summary>
    public int Priority { get; init; }

    /// <summary>The template behind <paramref name="key"/>.</summary>
    public Template Template(string key) =>
        Templates.TryGetValue(key, out var template) ? template : throw new KeyNotFoundException($"template '{key}' is not part of this workflow");

    /// <summary>The template a step or task calls, or null when it names none this workflow has.</summary>
    public Template? TemplateOf(TemplateInvocation invocation) =>
        invocation.Template is { } key && Templates.TryGetValue(key, out var template) ? template : null;
}
