using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Durango.Core.Spec;

/// <summary>
/// What a template does. Exactly one per template: two bodies in the YAML is a load-time diagnostic,
/// so the engine can switch on the subtype exhaustively.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$body")]
[JsonDerivedType(typeof(ContainerBody), "container")]
[JsonDerivedType(typeof(ScriptBody), "script")]
[JsonDerivedType(typeof(HttpBody), "http")]
[JsonDerivedType(typeof(SuspendBody), "suspend")]
[JsonDerivedType(typeof(StepsBody), "steps")]
[JsonDerivedType(typeof(DagBody), "dag")]
[JsonDerivedType(typeof(PluginBody), "plugin")]
[JsonDerivedType(typeof(ContainerSetBody), "containerSet")]
[JsonDerivedType(typeof(UnsupportedBody), "unsupported")]
public abstract record TemplateBody
{
    /// <summary>The Argo field name of this kind (<c>container</c>, <c>steps</c>, ...).</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>A container: image, command and args.</summary>
public sealed record ContainerBody(ContainerSpec Container) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "container";
}

/// <summary>A script: a container whose <c>source</c> is written to a file and run by <c>command</c>.</summary>
public sealed record ScriptBody(ContainerSpec Container, string Source) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "script";
}

/// <summary>An HTTP request.</summary>
public sealed record HttpBody(HttpSpec Http) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "http";
}

/// <summary>Wait for a duration or until resumed.</summary>
public sealed record SuspendBody(string? Duration) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "suspend";
}

/// <summary>Groups of steps: groups run in sequence, the steps of a group in parallel.</summary>
public sealed record StepsBody(IReadOnlyList<IReadOnlyList<WorkflowStep>> Groups) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "steps";
}

/// <summary>A DAG of tasks.</summary>
public sealed record DagBody(IReadOnlyList<DagTask> Tasks) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "dag";

    /// <summary>Space-separated task names to run (with their dependencies) instead of all.</summary>
    public string? Target { get; init; }

    /// <summary>Stop scheduling new tasks after a failure; Argo's default is true.</summary>
    public bool FailFast { get; init; } = true;
}

/// <summary>An executor plugin, such as Durango's <c>email</c>: <c>plugin: {name: {config}}</c>.</summary>
public sealed record PluginBody(string Name, JsonObject Config) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "plugin";
}

/// <summary>
/// The bodies of <c>spec.templateDefaults</c>: Argo merges its <c>container</c> into every container template and
/// its <c>script</c> into every script template (<see cref="Resolution.TemplateDefaults"/>). Only defaults have it.
/// </summary>
public sealed record DefaultBodies(ContainerSpec? Container, ContainerSpec? Script) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => "defaults";
}

/// <summary>
/// A kind Argo has but Durango cannot run (<c>resource</c>, <c>data</c>), or none at all.
/// It exists so that loading never loses the template; validation reports it as an error.
/// </summary>
public sealed record UnsupportedBody(string UnsupportedKind) : TemplateBody
{
    /// <inheritdoc/>
    public override string Kind => UnsupportedKind;
}

/// <summary>The container part of a container or script template.</summary>
public sealed record ContainerSpec
{
    /// <summary>The image; recorded by the process runtime, pulled by docker and ACI.</summary>
    public string? Image { get; init; }

    /// <summary>The entry point.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Arguments to the entry point.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables.</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];

    /// <summary>The working directory inside the container.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Resource requests (<c>cpu</c>, <c>memory</c>), used by the ACI runtime.</summary>
    public IReadOnlyDictionary<string, string> Requests { get; init; } = EmptyMap.Strings;

    /// <summary>Resource limits.</summary>
    public IReadOnlyDictionary<string, string> Limits { get; init; } = EmptyMap.Strings;

    /// <summary>When a daemon's container counts as ready; none: as soon as it runs.</summary>
    public Probe? ReadinessProbe { get; init; }
}

/// <summary>An environment variable: a literal or a secret reference.</summary>
public sealed record EnvVar(string Name, string? Value, SecretKeyRef? SecretKeyRef);

/// <summary>A key of a named secret; resolved from configuration <c>Secrets:&lt;name&gt;:&lt;key&gt;</c>.</summary>
public sealed record SecretKeyRef(string Name, string Key, bool Optional = false);

/// <summary>The request of an <c>http</c> template.</summary>
public sealed record HttpSpec
{
    /// <summary>The URL.</summary>
    public required string Url { get; init; }

    /// <summary>The method; GET by default.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Request headers.</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];

    /// <summary>The request body.</summary>
    public string? Body { get; init; }

    /// <summary>Seconds before the request fails.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>An expr-lang condition over <c>response.statusCode</c>, <c>response.body</c>, <c>response.headers</c>.</summary>
    public string? SuccessCondition { get; init; }

    /// <summary>Skip TLS certificate checks.</summary>
    public bool InsecureSkipVerify { get; init; }
}

/// <summary>An HTTP header: a literal or a secret.</summary>
public sealed record HttpHeader(string Name, string? Value, SecretKeyRef? SecretKeyRef);
