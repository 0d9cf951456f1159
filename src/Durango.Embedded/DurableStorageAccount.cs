using DurableTask.AzureStorage;

namespace Durango.Embedded;

/// <summary>
/// The Azure Storage account the embedded backend runs on, as the Durable Task provider needs it. The host makes it
/// from its own account setting (<c>Durango.Server</c>'s from <c>Durango.Storage</c>'s <c>StorageAccount</c>), so that
/// this project knows the durable backend and not Durango's stores.
/// </summary>
/// <param name="ClientProvider">How the provider reaches the account's queues, tables and blobs.</param>
/// <param name="ProbeAsync">One cheap call to the account, so that a wrong setting fails in seconds with one message.</param>
/// <param name="Description">The account as the user named it, for messages.</param>
public sealed record DurableStorageAccount(StorageAccountClientProvider ClientProvider, Func<CancellationToken, Task> ProbeAsync, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => Description;
}
