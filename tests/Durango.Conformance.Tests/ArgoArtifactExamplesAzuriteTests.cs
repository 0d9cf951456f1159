using System.Formats.Tar;
using System.IO.Compression;
using Azure.Storage.Blobs;
using Durango.Embedded;
using Durango.Testing;

namespace Durango.Conformance.Tests;

/// <summary>
/// The artifact examples on Azure Storage (a real Azurite on 127.0.0.1): the default repository is the task hub's
/// <c>{hub}-artifacts</c> container; upstream's <c>output-artifact-azure.yaml</c> and <c>input-artifact-azure.yaml</c>
/// point at Azurite's endpoint with the account key in a secret.
/// </summary>
public sealed class ArgoArtifactExamplesAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _hub = AzuriteFixture.NewTaskHub("artifacts");
    private EngineHarness? _engine;

    private string AccountKey => azurite.Server.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    /// <inheritdoc/>
    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(
        new Dictionary<string, string?> { ["Secrets:my-azure-credentials:accountKey"] = AccountKey },
        new EmbeddedBackendOptions { Storage = azurite.Server.ConnectionString, TaskHub = _hub });

    /// <inheritdoc/>
    public async Task DisposeAsync() => await _engine!.DisposeAsync();

    [Theory]
    [MemberData(nameof(ArgoArtifactExamples.Examples), MemberType = typeof(ArgoArtifactExamples))]
    public async Task Run_ArtifactExample_SucceedsOnBlobStorage(string file, string? step, string? logged)
    {
        var view = await ArgoArtifactExamples.RunAsync(_engine!, file, step, logged);
        var stored = view.Status.Nodes.Values.SelectMany(n => n.Outputs?.Artifacts ?? []).Where(a => a.Azure is { KeyOnly: true }).ToList();
        var container = new BlobServiceClient(azurite.Server.ConnectionString).GetBlobContainerClient($"{_hub.ToLowerInvariant()}-artifacts");
        foreach (var artifact in stored.Where(a => a.Archive == Core.Spec.ArtifactArchive.Tgz))
        {
            Assert.True(await container.GetBlobClient(artifact.Azure!.Blob).ExistsAsync(), $"{artifact.Azure.Blob} is not in the artifacts container");
        }
    }

    [Fact]
    public Task Run_ArtifactGcWorkflow_CollectsFromTheArtifactsContainer() => ArgoArtifactExamples.CheckArtifactGcAsync(_engine!);

    [Fact]
    public async Task OutputThenInputArtifactAzure_WriteAndReadBackTheSameBlob_AndALaterWorkflowReadsItAgain()
    {
        var service = new BlobServiceClient(azurite.Server.ConnectionString);
        var container = service.GetBlobContainerClient("my-container");
        await container.CreateIfNotExistsAsync();
        string Pointed(string file) => File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, file))
            .Replace("https://myazurestorageaccountname.blob.core.windows.net", service.Uri.ToString().TrimEnd('/'), StringComparison.Ordinal);

        var output = await _engine!.RunAsync(Pointed("output-artifact-azure.yaml"));
        Assert.Equal(Engine.Model.WorkflowPhase.Succeeded, output.Status.Phase);

        // The blob is Argo's archive: a gzipped tar of /tmp, holding hello_world.txt.
        var blob = container.GetBlobClient("path/in/container/hello_world.txt.tgz");
        await using (var stream = await blob.OpenReadAsync())
        await using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        {
            var tar = new TarReader(gzip);
            var found = false;
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name.EndsWith("hello_world.txt", StringComparison.Ordinal))
                {
                    using var reader = new StreamReader(entry.DataStream!);
                    Assert.Equal("hello world\n", await reader.ReadToEndAsync());
                    found = true;
                }
            }

            Assert.True(found, "hello_world.txt is not in the archive");
        }

        var input = await _engine.RunAsync(Pointed("input-artifact-azure.yaml"));
        Assert.Equal(Engine.Model.WorkflowPhase.Succeeded, input.Status.Phase);
        Assert.Contains("hello_world.txt.tgz", await _engine.LogOfAsync(input.Metadata.Name!, input.Metadata.Name!));

        // A later workflow reads the archive itself, unpacked at its path, and the key never reaches the status or the log.
        var later = await _engine.RunAsync(Pointed("input-artifact-azure.yaml")
            .Replace("blob: path/in/container", "blob: path/in/container/hello_world.txt.tgz", StringComparison.Ordinal)
            .Replace("ls -l /my-artifact", "cat /my-artifact/hello_world.txt", StringComparison.Ordinal));
        Assert.Equal(Engine.Model.WorkflowPhase.Succeeded, later.Status.Phase);
        var log = await _engine.LogOfAsync(later.Metadata.Name!, later.Metadata.Name!);
        Assert.Contains("hello world", log);
        Assert.DoesNotContain(AccountKey, log);
        Assert.DoesNotContain(AccountKey, System.Text.Json.JsonSerializer.Serialize(later));
    }

    [Fact]
    public async Task InputArtifactAzure_WithoutItsSecret_ErrorsNamingTheSecretNotAValue()
    {
        var yaml = File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "input-artifact-azure.yaml"))
            .Replace("name: my-azure-credentials", "name: not-configured", StringComparison.Ordinal);
        var view = await _engine!.RunAsync(yaml);
        Assert.Equal(Engine.Model.WorkflowPhase.Error, view.Status.Phase);
        var node = view.Status.Nodes.Values.Single(n => n.Id == view.Metadata.Name);
        Assert.Contains("secret 'not-configured' has no key 'accountKey'", node.Message, StringComparison.Ordinal);
    }
}
