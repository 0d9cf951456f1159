using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Engine.Stores;

namespace Durango.Storage;

/// <summary>
/// The WorkflowTemplate and ClusterWorkflowTemplate registry in Blob Storage: each template's YAML as installed,
/// <c>{kind}/{name}.yaml</c>, with its install time in the blob's metadata. Parsed templates are kept by ETag, so a
/// submission that resolves <c>templateRef</c>s costs one listing, not a download per template.
/// </summary>
public sealed class BlobTemplateStore(StorageContainer container) : ITemplateStore
{
    private const string CreatedAtKey = "createdat";
    private readonly ConcurrentDictionary<string, (ETag ETag, StoredTemplate Template)> _parsed = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task PutAsync(StoredTemplate template, CancellationToken cancellationToken = default) =>
        container.RunAsync(client => client.GetBlobClient(BlobNames.Template(template.Document.Kind.ToString(), template.Name)).UploadAsync(
            BinaryData.FromString(template.Source),
            new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [CreatedAtKey] = template.CreatedAt.ToString("O", CultureInfo.InvariantCulture) },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/yaml" },
            },
            cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredTemplate>> ListAsync(WorkflowKind kind, CancellationToken cancellationToken = default) =>
        container.RunAsync<IReadOnlyList<StoredTemplate>>(async client =>
        {
            var templates = new List<StoredTemplate>();
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, kind + "/", cancellationToken).ConfigureAwait(false))
            {
                if (await ParsedAsync(blob.Name, blob.Properties.ETag, cancellationToken).ConfigureAwait(false) is { } template)
                {
                    templates.Add(template);
                }
            }

            return templates.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<StoredTemplate?> GetAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = BlobNames.Template(kind.ToString(), name);
            var properties = await container.RunAsync(client => client.GetBlobClient(blob).GetPropertiesAsync(cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            return await ParsedAsync(blob, properties.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default)
    {
        var blob = BlobNames.Template(kind.ToString(), name);
        _parsed.TryRemove(blob, out _);
        var deleted = await container.RunAsync(client => client.DeleteBlobIfExistsAsync(blob, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return deleted.Value;
    }

    /// <summary>The template in <paramref name="blob"/>, parsed again only when its ETag changed.</summary>
    private async Task<StoredTemplate?> ParsedAsync(string blob, ETag? etag, CancellationToken cancellationToken)
    {
        if (etag is { } known && _parsed.TryGetValue(blob, out var cached) && cached.ETag == known)
        {
            return cached.Template;
        }

        try
        {
            var download = await container.Client.GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var source = download.Value.Content.ToString();
            var load = WorkflowLoader.Load(source, blob);
            if (load.HasErrors || load.Documents.Count != 1)
            {
                // Installed templates were validated; one that no longer parses was edited by hand and is left out.
                return null;
            }

            var createdAt = download.Value.Details.Metadata.TryGetValue(CreatedAtKey, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : download.Value.Details.CreatedOn;
            var template = new StoredTemplate(load.Documents[0].Document, source, createdAt);
            _parsed[blob] = (download.Value.Details.ETag, template);
            return template;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }
}
