using Durango.Api.Http;
using Durango.Api.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Durango.Functions;

/// <summary>
/// Adds Durable Functions' own management URLs (status, terminate, purge) to an answer that carries a workflow, as
/// headers, so that argo's shapes stay as they are.
/// </summary>
internal static class ManagementLinks
{
    public static ApiResult Add(ApiResult result, DurableTaskClient client)
    {
        if (result.Body is not WorkflowView view)
        {
            return result;
        }

        HttpManagementPayload payload;
        try
        {
            payload = client.CreateHttpManagementPayload(view.Metadata.Name, request: null!);
        }
        catch (InvalidOperationException)
        {
            // Only the Functions host's client knows its webhook base URL; elsewhere there are no such links.
            return result;
        }

        foreach (var (name, value) in new[]
        {
            ("X-Durable-StatusQueryGetUri", payload.StatusQueryGetUri),
            ("X-Durable-TerminatePostUri", payload.TerminatePostUri),
            ("X-Durable-PurgeHistoryDeleteUri", payload.PurgeHistoryDeleteUri),
        })
        {
            if (value is not null)
            {
                result.Headers[name] = value;
            }
        }

        return result;
    }
}
