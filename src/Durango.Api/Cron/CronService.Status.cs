using System.Text.Json.Nodes;
using Durango.Engine.Cron;
using Durango.Engine.Stores;

namespace Durango.Api.Cron;

/// <content>A CronWorkflow's status, as argo-server shows it.</content>
public sealed partial class CronService
{
    /// <summary><paramref name="cron"/> as argo-server answers it, with its status.</summary>
    public async Task<JsonObject> ViewAsync(StoredTemplate cron, CancellationToken cancellationToken = default)
    {
        var @namespace = cron.Document.Metadata.Namespace!;
        var instance = await client.GetInstancesAsync(CronTasks.InstanceId(@namespace, cron.Name), cancellationToken).ConfigureAwait(false);
        var summary = instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CronStatusSummary>();
        return CronView.From(cron, summary, await ChildrenAsync(@namespace, cron.Name, cancellationToken).ConfigureAwait(false));
    }
}
