using Durango.Core.Spec;

namespace Durango.Core.Resolution;

/// <summary>How a workflow's own spec combines with the spec its <c>workflowTemplateRef</c> names, as in Argo.</summary>
public static class WorkflowTemplateMerge
{
    /// <summary>The referenced spec, with the workflow's entrypoint, arguments, exit handler and hooks on top.</summary>
    public static WorkflowSpec Merge(WorkflowSpec own, WorkflowSpec referenced) => referenced with
    {
        Entrypoint = own.Entrypoint ?? referenced.Entrypoint,
        Arguments = new Arguments
        {
            Parameters = referenced.Arguments.Parameters.Where(p => own.Arguments.Find(p.Name) is null).Concat(own.Arguments.Parameters).ToList(),
            Artifacts = referenced.Arguments.Artifacts.Where(a => own.Arguments.Artifacts.All(o => o.Name != a.Name)).Concat(own.Arguments.Artifacts).ToList(),
        },
        OnExit = own.OnExit ?? referenced.OnExit,
        Hooks = own.Hooks.Count > 0 ? own.Hooks : referenced.Hooks,
        ActiveDeadlineSeconds = own.ActiveDeadlineSeconds ?? referenced.ActiveDeadlineSeconds,
        Parallelism = own.Parallelism ?? referenced.Parallelism,
        WorkflowMetadata = own.WorkflowMetadata ?? referenced.WorkflowMetadata,
        Synchronization = own.Synchronization ?? referenced.Synchronization,
        Priority = own.Priority ?? referenced.Priority,
        ArtifactGC = own.ArtifactGC ?? referenced.ArtifactGC,
        ArtifactRepositoryRef = own.ArtifactRepositoryRef ?? referenced.ArtifactRepositoryRef,
        ArchiveLogs = own.ArchiveLogs ?? referenced.ArchiveLogs,
        WorkflowTemplateRef = null,
    };
}
