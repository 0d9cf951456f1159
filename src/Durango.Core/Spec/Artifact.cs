using System.Text.Json.Serialization;

namespace Durango.Core.Spec;

/// <summary>
/// An Argo artifact: an input, an output or an argument. Where its bytes are is one location (<see cref="Azure"/>,
/// <see cref="Raw"/>, <see cref="Http"/>), or none: then an output goes to the default repository and an input comes
/// <see cref="From"/> another node's output.
/// </summary>
public sealed record Artifact
{
    /// <summary>The artifact's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the container reads (input) or writes (output) it: a file or a directory.</summary>
    public string? Path { get; init; }

    /// <summary>An argument from another node: <c>{{steps.X.outputs.artifacts.Y}}</c>.</summary>
    public string? From { get; init; }

    /// <summary>An expr-lang expression choosing an artifact (<c>fromExpression</c>).</summary>
    public string? FromExpression { get; init; }

    /// <summary>A missing artifact is not an error.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Optional { get; init; }

    /// <summary>A file or directory inside the artifact to use instead of all of it.</summary>
    public string? SubPath { get; init; }

    /// <summary>The file mode of an input (octal in YAML, e.g. <c>0755</c>).</summary>
    public int? Mode { get; init; }

    /// <summary>Also publish an output as <c>workflow.outputs.artifacts.&lt;globalName&gt;</c>.</summary>
    public string? GlobalName { get; init; }

    /// <summary>How an output is stored: a gzipped tar (Argo's default) or as it is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ArtifactArchive Archive { get; init; } = ArtifactArchive.Tgz;

    /// <summary>Argo's <c>azure</c> location; with only <c>Blob</c> set it is a key in the default repository.</summary>
    public AzureArtifact? Azure { get; init; }

    /// <summary>Literal contents.</summary>
    public RawArtifact? Raw { get; init; }

    /// <summary>A URL to download.</summary>
    public HttpArtifact? Http { get; init; }

    /// <summary>When a stored output is deleted; overrides the workflow's <c>spec.artifactGC</c>.</summary>
    public ArtifactGC? ArtifactGC { get; init; }

    /// <summary>True when the artifact names where its bytes are.</summary>
    [JsonIgnore]
    public bool HasLocation => Azure is not null || Raw is not null || Http is not null;
}

/// <summary>How an output artifact is stored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArtifactArchive>))]
public enum ArtifactArchive
{
    /// <summary>A tar archive, gzipped (<c>archive: {tar: {}}</c>, the default).</summary>
    Tgz,

    /// <summary>The file as it is; a directory as one object per file under the key (<c>archive: {none: {}}</c>).</summary>
    None,
}

/// <summary>
/// Argo's <c>azure</c> artifact location. Without <see cref="Endpoint"/> and <see cref="Container"/> it is a key
/// in the default repository (Argo's key-only artifact; <c>s3: {key: ...}</c> reads the same way).
/// </summary>
public sealed record AzureArtifact
{
    /// <summary>The account's blob endpoint (<c>https://ACCOUNT.blob.core.windows.net</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The container.</summary>
    public string? Container { get; init; }

    /// <summary>The blob (or, for a directory, the prefix of its blobs).</summary>
    public required string Blob { get; init; }

    /// <summary>The account key, from a secret.</summary>
    public SecretKeyRef? AccountKeySecret { get; init; }

    /// <summary>Use the host's identity (<c>DefaultAzureCredential</c>: managed identity, a developer login).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool UseSDKCreds { get; init; }

    /// <summary>True when this is a key in the default repository rather than a full location.</summary>
    [JsonIgnore]
    public bool KeyOnly => Endpoint is null && Container is null;
}

/// <summary>Argo's <c>raw</c> artifact: the contents written in the spec.</summary>
public sealed record RawArtifact(string Data);

/// <summary>Argo's <c>http</c> artifact: a GET of <see cref="Url"/>.</summary>
public sealed record HttpArtifact
{
    /// <summary>The URL.</summary>
    public required string Url { get; init; }

    /// <summary>Request headers (literal values).</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];

    /// <summary>Basic authentication's user name, from a secret.</summary>
    public SecretKeyRef? BasicUsername { get; init; }

    /// <summary>Basic authentication's password, from a secret.</summary>
    public SecretKeyRef? BasicPassword { get; init; }
}

/// <summary>Argo's <c>artifactGC</c>: when stored output artifacts are deleted.</summary>
/// <param name="Strategy"><c>OnWorkflowCompletion</c>, <c>OnWorkflowDeletion</c>, <c>Never</c>, or empty (inherit).</param>
public sealed record ArtifactGC(string? Strategy)
{
    /// <summary>Deleted when the workflow ends.</summary>
    public const string OnWorkflowCompletion = "OnWorkflowCompletion";

    /// <summary>Deleted when the workflow is deleted.</summary>
    public const string OnWorkflowDeletion = "OnWorkflowDeletion";

    /// <summary>Kept (the default).</summary>
    public const string Never = "Never";

    /// <summary>The strategies Argo has.</summary>
    public static readonly IReadOnlyList<string> Strategies = [OnWorkflowCompletion, OnWorkflowDeletion, Never];
}
