using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's artifact repositories, as pure functions: a repository is an archive location whose blob is a key format
/// (<c>blobNameFormat</c>, default <c>{{workflow.name}}/{{pod.name}}</c>: upstream
/// pkg/apis/workflow/v1alpha1/artifact_repository_types.go); an output without a location is stored under that key
/// and its file name, a key-only artifact is a key in it; a step's log is its <c>main-logs</c> artifact,
/// <c>{key}/main.log</c>, when the repository, the workflow or the template says <c>archiveLogs</c>
/// (workflow/controller/workflowpod.go IsArchiveLogs; workflow/executor/executor.go saveContainerLogs).
/// </summary>
public static class ArtifactRepositoryRules
{
    /// <summary>Argo's default key format.</summary>
    public const string DefaultKeyFormat = "{{workflow.name}}/{{pod.name}}";

    /// <summary>The name of the artifact a step's log is saved as (Argo: the container's name, then <c>-logs</c>).</summary>
    public const string LogArtifactName = "main-logs";

    /// <summary>The default repository's archive location: key-only, in Argo's default key format.</summary>
    public static readonly AzureArtifact DefaultLocation = new() { Blob = DefaultKeyFormat };

    /// <summary>
    /// Whether a step's log is archived: always when the repository says so; else the template's own
    /// <c>archiveLocation.archiveLogs</c> when set, else the workflow's <c>spec.archiveLogs</c>, else not.
    /// </summary>
    public static bool ArchiveLogs(bool repository, ArchiveLocation? location) =>
        repository || (location?.ArchiveLogs ?? location?.WorkflowArchiveLogs ?? false);

    /// <summary>
    /// The key a step's files go under: <paramref name="format"/> with <c>workflow.name</c> and <c>pod.name</c>
    /// substituted; null when the format names another variable.
    /// </summary>
    public static string? Key(string format, string workflow, string podName)
    {
        var scope = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workflow.name"] = workflow,
            ["pod.name"] = podName,
        };
        var substituted = TemplateTags.Substitute(format, scope);
        return substituted.Complete ? substituted.Text.TrimEnd('/') : null;
    }

    /// <summary>
    /// <paramref name="location"/> in <paramref name="repository"/>: a key-only location becomes that key in the
    /// repository (unchanged when the repository is the default one); a full location stays as it is.
    /// </summary>
    public static AzureArtifact Relocate(AzureArtifact location, AzureArtifact repository) =>
        location.KeyOnly && !repository.KeyOnly ? repository with { Blob = location.Blob } : location;

    /// <summary>
    /// Where a leaf's output <paramref name="declared"/> is stored: its own full <c>azure</c> location; a key of its
    /// own in the repository; else the repository's key for the step and the artifact's file name
    /// (<c>{name}.tgz</c>, or <c>{name}</c> with <c>archive: none</c>).
    /// </summary>
    public static Artifact Destination(Artifact declared, AzureArtifact repository, string stepKey) => declared with
    {
        Azure = declared.Azure is { } own
            ? Relocate(own, repository)
            : repository with { Blob = $"{stepKey}/{declared.Name}{(declared.Archive == ArtifactArchive.Tgz ? ".tgz" : string.Empty)}" },
    };

    /// <summary>The <c>main-logs</c> artifact of a step stored under <paramref name="stepKey"/>: the log file as it is.</summary>
    public static Artifact LogArtifact(AzureArtifact repository, string stepKey) => new()
    {
        Name = LogArtifactName,
        Archive = ArtifactArchive.None,
        Azure = repository with { Blob = $"{stepKey}/main.log" },
    };
}
