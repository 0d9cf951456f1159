namespace Durango.Core.Spec;

/// <summary>An Argo template: a name, inputs and outputs, and exactly one body.</summary>
public sealed record Template
{
    /// <summary>The template's name, unique in its spec.</summary>
    public required string Name { get; init; }

    /// <summary>What the template does; exactly one kind.</summary>
    public required TemplateBody Body { get; init; }

    /// <summary>Declared inputs.</summary>
    public Inputs Inputs { get; init; } = Inputs.None;

    /// <summary>Declared outputs.</summary>
    public Outputs Outputs { get; init; } = Outputs.None;

    /// <summary>How failed attempts are retried.</summary>
    public RetryStrategy? RetryStrategy { get; init; }

    /// <summary>Deadline for the node, in seconds (int or string).</summary>
    public string? ActiveDeadlineSeconds { get; init; }

    /// <summary>Timeout for the node (<c>"30s"</c>, <c>"1m"</c>).</summary>
    public string? Timeout { get; init; }

    /// <summary>The most children of this steps/dag node that run at once.</summary>
    public int? Parallelism { get; init; }

    /// <summary>
    /// Argo's template-level <c>failFast</c>: once a child of this steps or DAG node fails, no further child starts
    /// and the node fails (<see cref="DagBody.FailFast"/> is the DAG's own, older switch).
    /// </summary>
    public bool? FailFast { get; init; }

    /// <summary>Mutexes and semaphores a node of this template holds while it runs.</summary>
    public Synchronization? Synchronization { get; init; }

    /// <summary>Hooks declared on the template itself (Argo's template-level <c>hooks</c>).</summary>
    public IReadOnlyDictionary<string, LifecycleHook> Hooks { get; init; } = EmptyMap.Hooks;

    /// <summary>
    /// Argo's <c>daemon</c>: the container keeps running in the background once ready, the workflow moves on, and it
    /// is stopped when the steps or DAG template that started it ends.
    /// </summary>
    public bool Daemon { get; init; }

    /// <summary>Argo's <c>memoize</c>: the node's outputs are cached and reused.</summary>
    public Memoize? Memoize { get; init; }

    /// <summary>Argo's <c>archiveLocation</c>, with the workflow's repository and <c>archiveLogs</c> filled at submission.</summary>
    public ArchiveLocation? ArchiveLocation { get; init; }
}

/// <summary>Inputs a template declares.</summary>
public sealed record Inputs
{
    /// <summary>No inputs.</summary>
    public static readonly Inputs None = new();

    /// <summary>Input parameters.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>Input artifacts.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];
}

/// <summary>Outputs a template declares; <c>outputs.result</c> and <c>exitCode</c> are implicit.</summary>
public sealed record Outputs
{
    /// <summary>No outputs.</summary>
    public static readonly Outputs None = new();

    /// <summary>Output parameters.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>Output artifacts.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];
}

/// <summary>A parameter: an input, an output or an argument.</summary>
public sealed record Parameter
{
    /// <summary>The parameter's name.</summary>
    public required string Name { get; init; }

    /// <summary>The value, if given.</summary>
    public string? Value { get; init; }

    /// <summary>The value used when none is given.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values, if restricted.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Where an output parameter's value comes from.</summary>
    public ValueFrom? ValueFrom { get; init; }

    /// <summary>Also publish the value as <c>workflow.outputs.parameters.&lt;globalName&gt;</c>.</summary>
    public string? GlobalName { get; init; }
}

/// <summary>Where a parameter's value comes from.</summary>
public sealed record ValueFrom
{
    /// <summary>A file the container wrote.</summary>
    public string? Path { get; init; }

    /// <summary>An expr-lang expression.</summary>
    public string? Expression { get; init; }

    /// <summary>Another parameter (<c>{{steps.x.outputs.parameters.y}}</c>).</summary>
    public string? Parameter { get; init; }

    /// <summary>A JSONPath over the result.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Used when the source is missing.</summary>
    public string? Default { get; init; }

    /// <summary>A ConfigMap key (<c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c> in configuration), read at submission.</summary>
    public ConfigMapKeyRef? ConfigMapKeyRef { get; init; }

    /// <summary>Supplied later by resuming the node (suspend templates).</summary>
    public bool Supplied { get; init; }
}
