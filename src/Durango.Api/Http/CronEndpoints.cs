using Durango.Api.Cron;
using Durango.Api.Templates;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's CronWorkflowService (<c>/api/v1/cron-workflows/{namespace}</c>): create, lint, get, list, update,
/// delete, suspend, resume.
/// </summary>
public sealed class CronEndpoints(CronService crons)
{
    /// <summary><c>POST</c>: validate, store, start scheduling.</summary>
    public Task<ApiResult> CreateAsync(ApiCall call) => PutAsync(call, TemplateService.Write.Create);

    /// <summary><c>POST .../lint</c>: validate only.</summary>
    public Task<ApiResult> LintAsync(ApiCall call) => PutAsync(call, TemplateService.Write.Lint);

    /// <summary><c>PUT .../{name}</c>: replace; the schedule changes at once.</summary>
    public Task<ApiResult> UpdateAsync(ApiCall call) => PutAsync(call, TemplateService.Write.Update);

    /// <summary><c>GET</c>: every CronWorkflow in the namespace, with its status.</summary>
    public async Task<ApiResult> ListAsync(ApiCall call)
    {
        var selector = Lists.LabelSelector.Parse(call.Query("listOptions.labelSelector"));
        var items = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var cron in await crons.ListAsync(call.Route("namespace"), call.Aborted).ConfigureAwait(false))
        {
            if (selector.Matches(cron.Document.Metadata.Labels))
            {
                items.Add(await crons.ViewAsync(cron, call.Aborted).ConfigureAwait(false));
            }
        }

        return WorkflowEndpoints.Project(CronView.List(items), call.Fields);
    }

    /// <summary><c>GET .../{name}</c>.</summary>
    public async Task<ApiResult> GetAsync(ApiCall call) =>
        await crons.GetAsync(call.Route("namespace"), call.Route("name"), call.Aborted).ConfigureAwait(false) is { } cron
            ? ApiResult.Ok(await crons.ViewAsync(cron, call.Aborted).ConfigureAwait(false))
            : NotFound(call);

    /// <summary><c>DELETE .../{name}</c>: no more ticks; the workflows it started stay.</summary>
    public async Task<ApiResult> DeleteAsync(ApiCall call) =>
        await crons.DeleteAsync(call.Route("namespace"), call.Route("name"), call.Aborted).ConfigureAwait(false) ? ApiResult.Ok(new { }) : NotFound(call);

    /// <summary><c>PUT .../{name}/suspend</c>.</summary>
    public Task<ApiResult> SuspendAsync(ApiCall call) => SetSuspendAsync(call, true);

    /// <summary><c>PUT .../{name}/resume</c>.</summary>
    public Task<ApiResult> ResumeAsync(ApiCall call) => SetSuspendAsync(call, false);

    private async Task<ApiResult> SetSuspendAsync(ApiCall call, bool suspend) =>
        await crons.SetSuspendAsync(call.Route("namespace"), call.Route("name"), suspend, call.Aborted).ConfigureAwait(false) is { } cron
            ? ApiResult.Ok(await crons.ViewAsync(cron, call.Aborted).ConfigureAwait(false))
            : NotFound(call);

    private async Task<ApiResult> PutAsync(ApiCall call, TemplateService.Write write)
    {
        var (body, error) = ObjectBody.Read(call, "cronWorkflow", "CronWorkflow");
        if (body is null)
        {
            return error!;
        }

        var expected = write == TemplateService.Write.Update ? call.Route("name") : null;
        var outcome = await crons.PutAsync(call.Route("namespace"), body.Text, "request", write, expected, call.Aborted).ConfigureAwait(false);
        return outcome.Status switch
        {
            TemplateStatus.Invalid => ObjectBody.Invalid(outcome.Diagnostics, outcome.Message),
            TemplateStatus.Exists => ApiResult.Fail(ArgoCode.AlreadyExists, outcome.Message!),
            TemplateStatus.Missing => ApiResult.Fail(ArgoCode.NotFound, outcome.Message!),
            _ => ApiResult.Ok(await crons.ViewAsync(outcome.Template!, call.Aborted).ConfigureAwait(false)),
        };
    }

    private static ApiResult NotFound(ApiCall call) => ApiResult.Fail(ArgoCode.NotFound,
        $"CronWorkflow '{call.Route("name")}' not found in namespace '{call.Route("namespace")}'");
}
