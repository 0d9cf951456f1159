using Durango.Api.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Durango.Functions;

/// <summary>Adds Durable Functions' own management URLs (status, terminate, purge) to a submission's answer.</summary>
internal static class ManagementLinks
{
    public static ApiResult Add(ApiResult result, SubmittedView submitted, DurableTaskClient client)
    {
        HttpManagementPayload payload;
        try
        {
            payload = client.CreateHttpManagementPayload(submitted.Name, request: null!);
        }
        catch (InvalidOperationException)
        {
            // Only the Functions host's client knows its webhook base URL; elsewhere there are no such links.
            return result;
        }

        var links = new Dictionary<string, string?>
        {
            ["statusQueryGetUri"] = payload.StatusQueryGetUri,
            ["terminatePostUri"] = payload.TerminatePostUri,
            ["purgeHistoryDeleteUri"] = payload.PurgeHistoryDeleteUri,
        }.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!);
        var answer = ApiResult.Json(result.Status, submitted with { Management = links });
        foreach (var (name, value) in result.Headers)
        {
            answer.Headers[name] = value;
        }

        return answer;
    }
}
