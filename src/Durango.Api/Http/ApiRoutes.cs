using Durango.Core.Spec;

namespace Durango.Api.Http;

/// <summary>One route of the API: its method, its path template, argo-server's operation id for it, and its handler.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The path template, as in argo-server's OpenAPI document without the leading slash.</param>
/// <param name="Operation">argo-server's <c>operationId</c> (a test checks each against the OpenAPI document).</param>
/// <param name="Handle">The handler.</param>
public sealed record ApiRoute(string Method, string Template, string Operation, Func<ApiEndpoints, ApiCall, Task<ApiResult>> Handle);

/// <summary>The API's routes: argo-server's REST API under <c>/api/v1</c>, one table that both hosts serve through <see cref="ApiRouter"/>.</summary>
public static class ApiRoutes
{
    private const WorkflowKind Namespaced = WorkflowKind.WorkflowTemplate;
    private const WorkflowKind Cluster = WorkflowKind.ClusterWorkflowTemplate;

    /// <summary>Every route; where two templates could match a path, the one listed first wins.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("GET", "api/v1/info", "InfoService_GetInfo", (e, c) => e.Info.InfoAsync(c)),
        new("GET", "api/v1/version", "InfoService_GetVersion", (_, c) => InfoEndpoints.VersionAsync(c)),
        new("GET", "api/v1/userinfo", "InfoService_GetUserInfo", (e, c) => e.Info.UserInfoAsync(c)),

        new("GET", "api/v1/workflows", "WorkflowService_ListWorkflows", (e, c) => e.Workflows.ListAsync(c)),
        new("GET", "api/v1/workflows/{namespace}", "WorkflowService_ListWorkflows", (e, c) => e.Workflows.ListAsync(c)),
        new("POST", "api/v1/workflows/{namespace}", "WorkflowService_CreateWorkflow", (e, c) => e.Workflows.CreateAsync(c)),
        new("POST", "api/v1/workflows/{namespace}/lint", "WorkflowService_LintWorkflow", (e, c) => e.Workflows.LintAsync(c)),
        new("POST", "api/v1/workflows/{namespace}/submit", "WorkflowService_SubmitWorkflow", (e, c) => e.Workflows.SubmitFromAsync(c)),
        new("GET", "api/v1/workflows/{namespace}/{name}", "WorkflowService_GetWorkflow", (e, c) => e.Workflows.GetAsync(c)),
        new("DELETE", "api/v1/workflows/{namespace}/{name}", "WorkflowService_DeleteWorkflow", (e, c) => e.Workflows.DeleteAsync(c)),
        new("GET", "api/v1/workflows/{namespace}/{name}/log", "WorkflowService_WorkflowLogs", (e, c) => e.Streams.LogsAsync(c)),
        new("GET", "api/v1/workflows/{namespace}/{name}/{podName}/log", "WorkflowService_PodLogs", (e, c) => e.Streams.LogsAsync(c)),
        new("PUT", "api/v1/workflows/{namespace}/{name}/{action}", "WorkflowService_{action}Workflow", (e, c) => e.Actions.RunAsync(c)),
        new("GET", "api/v1/workflow-events", "WorkflowService_WatchWorkflows", (e, c) => e.Streams.WatchAsync(c)),
        new("GET", "api/v1/workflow-events/{namespace}", "WorkflowService_WatchWorkflows", (e, c) => e.Streams.WatchAsync(c)),

        new("GET", "api/v1/workflow-templates/{namespace}", "WorkflowTemplateService_ListWorkflowTemplates", (e, c) => e.Templates.ListAsync(Namespaced, c)),
        new("POST", "api/v1/workflow-templates/{namespace}", "WorkflowTemplateService_CreateWorkflowTemplate", (e, c) => e.Templates.CreateAsync(Namespaced, c)),
        new("POST", "api/v1/workflow-templates/{namespace}/lint", "WorkflowTemplateService_LintWorkflowTemplate", (e, c) => e.Templates.LintAsync(Namespaced, c)),
        new("GET", "api/v1/workflow-templates/{namespace}/{name}", "WorkflowTemplateService_GetWorkflowTemplate", (e, c) => e.Templates.GetAsync(Namespaced, c)),
        new("PUT", "api/v1/workflow-templates/{namespace}/{name}", "WorkflowTemplateService_UpdateWorkflowTemplate", (e, c) => e.Templates.UpdateAsync(Namespaced, c)),
        new("DELETE", "api/v1/workflow-templates/{namespace}/{name}", "WorkflowTemplateService_DeleteWorkflowTemplate", (e, c) => e.Templates.DeleteAsync(Namespaced, c)),

        new("GET", "api/v1/cron-workflows/{namespace}", "CronWorkflowService_ListCronWorkflows", (e, c) => e.Crons.ListAsync(c)),
        new("POST", "api/v1/cron-workflows/{namespace}", "CronWorkflowService_CreateCronWorkflow", (e, c) => e.Crons.CreateAsync(c)),
        new("POST", "api/v1/cron-workflows/{namespace}/lint", "CronWorkflowService_LintCronWorkflow", (e, c) => e.Crons.LintAsync(c)),
        new("GET", "api/v1/cron-workflows/{namespace}/{name}", "CronWorkflowService_GetCronWorkflow", (e, c) => e.Crons.GetAsync(c)),
        new("PUT", "api/v1/cron-workflows/{namespace}/{name}", "CronWorkflowService_UpdateCronWorkflow", (e, c) => e.Crons.UpdateAsync(c)),
        new("DELETE", "api/v1/cron-workflows/{namespace}/{name}", "CronWorkflowService_DeleteCronWorkflow", (e, c) => e.Crons.DeleteAsync(c)),
        new("PUT", "api/v1/cron-workflows/{namespace}/{name}/suspend", "CronWorkflowService_SuspendCronWorkflow", (e, c) => e.Crons.SuspendAsync(c)),
        new("PUT", "api/v1/cron-workflows/{namespace}/{name}/resume", "CronWorkflowService_ResumeCronWorkflow", (e, c) => e.Crons.ResumeAsync(c)),

        new("GET", "api/v1/cluster-workflow-templates", "ClusterWorkflowTemplateService_ListClusterWorkflowTemplates", (e, c) => e.Templates.ListAsync(Cluster, c)),
        new("POST", "api/v1/cluster-workflow-templates", "ClusterWorkflowTemplateService_CreateClusterWorkflowTemplate", (e, c) => e.Templates.CreateAsync(Cluster, c)),
        new("POST", "api/v1/cluster-workflow-templates/lint", "ClusterWorkflowTemplateService_LintClusterWorkflowTemplate", (e, c) => e.Templates.LintAsync(Cluster, c)),
        new("GET", "api/v1/cluster-workflow-templates/{name}", "ClusterWorkflowTemplateService_GetClusterWorkflowTemplate", (e, c) => e.Templates.GetAsync(Cluster, c)),
        new("PUT", "api/v1/cluster-workflow-templates/{name}", "ClusterWorkflowTemplateService_UpdateClusterWorkflowTemplate", (e, c) => e.Templates.UpdateAsync(Cluster, c)),
        new("DELETE", "api/v1/cluster-workflow-templates/{name}", "ClusterWorkflowTemplateService_DeleteClusterWorkflowTemplate", (e, c) => e.Templates.DeleteAsync(Cluster, c)),

        // argo-server serves artifact downloads beside /api/v1, at its root (ArtifactPaths lists the prefixes).
        new("GET", "artifacts/{namespace}/{name}/{nodeId}/{artifactName}", "ArtifactService_GetOutputArtifact", (e, c) => e.Artifacts.ByNameAsync(c, input: false)),
        new("GET", "input-artifacts/{namespace}/{name}/{nodeId}/{artifactName}", "ArtifactService_GetInputArtifact", (e, c) => e.Artifacts.ByNameAsync(c, input: true)),
        new("GET", "artifacts-by-uid/{uid}/{nodeId}/{artifactName}", "ArtifactService_GetOutputArtifactByUID", (e, c) => e.Artifacts.ByUidAsync(c, input: false)),
        new("GET", "input-artifacts-by-uid/{uid}/{nodeId}/{artifactName}", "ArtifactService_GetInputArtifactByUID", (e, c) => e.Artifacts.ByUidAsync(c, input: true)),
        new("GET", ArtifactFilesTemplate, "ArtifactService_GetArtifactFile", (e, c) => e.Artifacts.FileAsync(c)),
    ];

    /// <summary>The path prefixes of the artifact routes, which live outside <see cref="ApiRouter.Prefix"/>.</summary>
    public static IReadOnlyList<string> ArtifactPaths { get; } = ["/artifacts", "/input-artifacts", "/artifacts-by-uid", "/input-artifacts-by-uid", "/artifact-files"];

    /// <summary>The <c>/artifact-files</c> route: argo-server's template, then the path of a file inside the artifact.</summary>
    public const string ArtifactFilesTemplate = "artifact-files/{namespace}/{idDiscriminator}/{id}/{nodeId}/{artifactDiscriminator}/{artifactName}/{**file}";
}
