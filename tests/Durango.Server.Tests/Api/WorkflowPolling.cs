using System.Net.Http.Json;
using Durango.Api.Workflows;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

/// <summary>Waiting for a workflow over argo-server's API, as a user's client (Hera's <c>wait()</c>) would.</summary>
internal static class WorkflowPolling
{
    /// <summary>The namespace the tests use: the server's default.</summary>
    public const string Namespace = "argo";

    /// <summary>
    /// Polls <c>GET /api/v1/workflows/argo/{name}</c> until <paramref name="condition"/> holds of the workflow, and
    /// returns it; on a timeout, the message shows the workflow as last seen.
    /// </summary>
    public static async Task<WorkflowView> WaitAsync(HttpClient http, string name, Func<WorkflowView, bool> condition)
    {
        WorkflowView? last = null;
        try
        {
            return await Eventually.ValueAsync(async () =>
                (last = await GetAsync(http, name)) is { } view && condition(view) ? view : null,
                $"workflow {name}");
        }
        catch (TimeoutException e) when (last is not null)
        {
            throw new TimeoutException($"{e.Message}; last seen:{Environment.NewLine}{last.Describe()}", e);
        }
    }

    /// <summary>The workflow as <c>GET /api/v1/workflows/argo/{name}</c> answers it.</summary>
    public static Task<WorkflowView?> GetAsync(HttpClient http, string name) =>
        http.GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/{Namespace}/{name}", WorkflowJson.Options);
}
