using System.Net.Http.Json;
using Durango.Api.Workflows;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

/// <summary>Waiting for a workflow over argo-server's API, as a user's client (Hera's <c>wait()</c>) would.</summary>
internal static class WorkflowPolling
{
    /// <summary>The namespace the tests use: the server's default.</summary>
    public const string Namespace = "argo";

    /// <summary>Polls <c>GET /api/v1/workflows/argo/{name}</c> until <paramref name="condition"/> holds of the workflow, and returns it.</summary>
    public static Task<WorkflowView> WaitAsync(HttpClient http, string name, Func<WorkflowView, bool> condition) =>
        Eventually.ValueAsync(async () =>
            await http.GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/{Namespace}/{name}", WorkflowJson.Options) is { } view && condition(view) ? view : null,
            $"workflow {name}");
}
