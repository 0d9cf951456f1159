using System.Net.Http.Json;
using Durango.Api.Workflows;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

/// <summary>Waiting for a workflow over the HTTP API, as a user's client would.</summary>
internal static class WorkflowPolling
{
    /// <summary>Polls <c>GET /api/workflows/{name}</c> until <paramref name="condition"/> holds of the workflow, and returns it.</summary>
    public static Task<WorkflowView> WaitAsync(HttpClient http, string name, Func<WorkflowView, bool> condition) =>
        Eventually.ValueAsync(async () =>
            await http.GetFromJsonAsync<WorkflowView>($"/api/workflows/{name}", WorkflowJson.Options) is { } view && condition(view) ? view : null,
            $"workflow {name}");
}
