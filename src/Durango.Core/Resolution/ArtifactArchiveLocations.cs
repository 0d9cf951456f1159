using Durango.Core.Spec;

namespace Durango.Core.Resolution;

/// <summary>
/// Gives every template the workflow's archive settings (<c>spec.archiveLogs</c>, <c>spec.artifactRepositoryRef</c>)
/// beside its own <c>archiveLocation.archiveLogs</c>, as upstream's controller fills each pod's archive location from
/// the workflow's repository (workflow/controller/workflowpod.go, addArchiveLocation). Which one wins is
/// Engine/Semantics/ArtifactRepositoryRules.
/// </summary>
public static class ArtifactArchiveLocations
{
    /// <summary><paramref name="templates"/> with the settings of <paramref name="spec"/>; unchanged when it has none.</summary>
    public static IReadOnlyDictionary<string, Template> Fill(IReadOnlyDictionary<string, Template> templates, WorkflowSpec spec) =>
        spec.ArchiveLogs is null && spec.ArtifactRepositoryRef is null
            ? templates
            : templates.ToDictionary(
                t => t.Key,
                t => t.Value with
                {
                    ArchiveLocation = new ArchiveLocation(t.Value.ArchiveLocation?.ArchiveLogs, spec.ArchiveLogs, spec.ArtifactRepositoryRef),
                },
                StringComparer.Ordinal);
}
