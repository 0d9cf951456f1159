using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// A workflow whose instance row DTFx's Azure Storage provider rebuilt from the history: when a host dies between
/// saving an orchestration's end to the history and to its row, the next host that hears of the instance writes the row
/// again from the history (<c>AzureTableTrackingStore.UpdateInstanceStatusForCompletedOrchestrationAsync</c>), with no
/// custom status, since the history holds none. The list's phase comes from the custom status, so the workflow was
/// listed as Running for ever (a CI run of <c>ScaleOutTests</c>). Here the row is rewritten the same way.
/// </summary>
public sealed class RebuiltInstanceRowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CompletedWorkflow_RowWithoutCustomStatus_IsListedWithItsEnd()
    {
        var hub = AzuriteFixture.NewTaskHub("rebuilt");
        await using var serve = await ServeProcess.StartAsync(["--storage", azurite.Server.ConnectionString, "--task-hub", hub]);
        using var http = RetryAfterHandler.Client(serve.BaseUrl, TimeSpan.FromSeconds(60));
        using var created = await http.PostAsync("/api/v1/workflows/argo", new StringContent("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: rebuilt-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: alpine, command: [sh, -c, "echo done"]}
            """, Encoding.UTF8, "application/yaml"));
        created.EnsureSuccessStatusCode();
        var name = (await created.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
        await WorkflowPolling.WaitAsync(http, name, v => v.Status.Phase == WorkflowPhase.Succeeded);

        var instances = new TableClient(azurite.Server.ConnectionString, hub + "Instances");
        var row = (await instances.GetEntityAsync<TableEntity>(name, string.Empty)).Value;
        row["CustomStatus"] = "null";
        await instances.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

        var list = await http.GetFromJsonAsync<WorkflowList>(
            "/api/v1/workflows/argo?listOptions.labelSelector=workflows.argoproj.io%2Fcompleted%3Dtrue", WorkflowJson.Options);
        var item = Assert.Single(list!.Items!, w => w.Metadata.Name == name);
        Assert.Equal(WorkflowPhase.Succeeded, item.Status.Phase);
        Assert.NotNull(item.Status.FinishedAt);

        var one = await http.GetFromJsonAsync<WorkflowList>($"/api/v1/workflows/argo?listOptions.fieldSelector=metadata.name%3D{name}", WorkflowJson.Options);
        Assert.Equal(WorkflowPhase.Succeeded, Assert.Single(one!.Items!).Status.Phase);
    }
}
