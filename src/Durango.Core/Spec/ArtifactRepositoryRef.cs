namespace Durango.Core.Spec;

/// <summary>
/// Argo's <c>spec.artifactRepositoryRef</c>: the artifact repository a workflow's outputs go to, named by a ConfigMap
/// and a key. Durango reads the repository from configuration (<c>Durango:ArtifactRepositories:&lt;configMap&gt;:&lt;key&gt;</c>).
/// </summary>
/// <param name="ConfigMap">The ConfigMap; <see cref="DefaultConfigMap"/> when empty, as in Argo.</param>
/// <param name="Key">The key in it; the ConfigMap's only repository when empty.</param>
public sealed record ArtifactRepositoryRef(string? ConfigMap, string? Key)
{
    /// <summary>Argo's ConfigMap name when <c>configMap</c> is not given.</summary>
    public const string DefaultConfigMap = "artifact-repositories";
}

/// <summary>
/// Where a template's outputs and log are archived (Argo's <c>archiveLocation</c>): whether its log is saved as its
/// <c>main-logs</c> artifact, and the workflow's repository. Filled at submission for every template, as upstream's
/// controller sets each pod's archive location (workflow/controller/workflowpod.go).
/// </summary>
/// <param name="ArchiveLogs">The template's own <c>archiveLocation.archiveLogs</c>.</param>
/// <param name="WorkflowArchiveLogs">The workflow's <c>spec.archiveLogs</c>.</param>
/// <param name="Repository">The workflow's <c>spec.artifactRepositoryRef</c>; null: the default repository.</param>
public sealed record ArchiveLocation(bool? ArchiveLogs, bool? WorkflowArchiveLogs = null, ArtifactRepositoryRef? Repository = null);
