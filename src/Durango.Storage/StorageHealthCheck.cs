using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Durango.Storage;

/// <summary>
/// <c>/healthz</c>'s storage check: the account that holds the Durable backend and Durango's blobs answers a read of
/// the node container within <see cref="Timeout"/>, with no retries. Names the endpoint, never a key.
/// </summary>
public sealed class StorageHealthCheck(StorageAccount account, BlobContainers names) : IHealthCheck
{
    /// <summary>How long the storage has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly BlobContainerClient _nodes = Probe(account).GetBlobContainerClient(names.Nodes);

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await _nodes.ExistsAsync(deadline.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"storage at {account} answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"storage at {account} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException or Azure.Identity.AuthenticationFailedException)
        {
            // The SDK's messages carry no key; the first line says what failed.
            return HealthCheckResult.Unhealthy($"storage at {account} does not answer: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    private static BlobServiceClient Probe(StorageAccount account)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Timeout;
        return account.CreateBlobServiceClient(options);
    }
}
