using Azure.Storage.Blobs;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Conformance.Tests;

/// <summary>
/// <c>spec.artifactRepositoryRef</c> on Azure Storage (a real Azurite on 127.0.0.1): repositories named in
/// configuration (<c>Durango:ArtifactRepositories:&lt;configMap&gt;:&lt;key&gt;</c>) as Argo names them in its
/// <c>artifact-repositories</c> ConfigMap, with the account key in a secret. Ports upstream
/// test/e2e/functional_test.go TestArtifactRepositoryRef (testdata/artifact-repository-ref.yaml).
/// </summary>
public sealed class ArtifactRepositoryRefAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Repositories = "Durango:ArtifactRepositories";
    private readonly string _container = "repo" + Guid.NewGuid().ToString("N")[..10];
    private EngineHarness? _engine;

    private string AccountKey => azurite.Server.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    private BlobServiceClient Service => new(azurite.Server.ConnectionString);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        await Service.GetBlobContainerClient(_container).CreateIfNotExistsAsync();
        var endpoint = Service.Uri.ToString().TrimEnd('/');
        _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Secrets:my-azure-credentials:accountKey"] = AccountKey,
            [$"{Repositories}:artifact-repositories:my-key:Azure:Endpoint"] = endpoint,
            [$"{Repositories}:artifact-repositories:my-key:Azure:Container"] = _container,
            [$"{Repositories}:artifact-repositories:my-key:Azure:AccountKeySecret:Name"] = "my-azure-credentials",
            [$"{Repositories}:artifact-repositories:my-key:Azure:AccountKeySecret:Key"] = "accountKey",
            [$"{Repositories}:team-repos:logs:Azure:Endpoint"] = endpoint,
            [$"{Repositories}:team-repos:logs:Azure:Container"] = _container,
            [$"{Repositories}:team-repos:logs:Azure:AccountKeySecret:Name"] = "my-azure-credentials",
            [$"{Repositories}:team-repos:logs:Azure:AccountKeySecret:Key"] = "accountKey",
            [$"{Repositories}:team-repos:logs:Azure:BlobNameFormat"] = "team/{{workflow.name}}/{{pod.name}}",
            [$"{Repositories}:team-repos:logs:ArchiveLogs"] = "true",
        });
    }

    /// <inheritdoc/>
    public async Task DisposeAsync() => await _engine!.DisposeAsync();

    [Fact]
    public async Task ArtifactRepositoryRef_KeyOnlyArtifacts_AreKeysInTheNamedRepository()
    {
        var view = await _engine!.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: artifact-repository-ref-
            spec:
              entrypoint: main
              artifactRepositoryRef:
                key: my-key
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: generate
                        template: generate
                      - name: consume
                        template: consume
                        dependencies:
                          - generate
                - name: generate
                  container:
                    image: argoproj/argosay:v2
                    args: [echo, hello, /mnt/file]
                  outputs:
                    artifacts:
                      - name: file
                        path: /mnt/file
                        s3:
                          key: my-file
                      - name: copy
                        path: /mnt/file
                - name: consume
                  container:
                    image: argoproj/argosay:v2
                    args: [cat, /tmp/file]
                  inputs:
                    artifacts:
                      - name: file
                        path: /tmp/file
                        s3:
                          key: my-file
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var generate = view.Node("generate");
        var (file, copy) = (generate.Outputs!.Artifacts![0].Azure!, generate.Outputs.Artifacts[1].Azure!);
        Assert.Equal((_container, "my-file"), (file.Container, file.Blob));
        Assert.Equal(_container, copy.Container);
        Assert.StartsWith($"{view.Metadata.Name}/{view.Metadata.Name}-generate-", copy.Blob, StringComparison.Ordinal);
        Assert.EndsWith("/copy.tgz", copy.Blob, StringComparison.Ordinal);
        Assert.Equal("my-azure-credentials", file.AccountKeySecret!.Name);
        var container = Service.GetBlobContainerClient(_container);
        Assert.True(await container.GetBlobClient("my-file").ExistsAsync(), "my-file is not in the named repository");
        Assert.True(await container.GetBlobClient(copy.Blob).ExistsAsync(), $"{copy.Blob} is not in the named repository");
        Assert.Equal("hello", (await _engine.LogOfAsync(view.Metadata.Name!, "consume")).Trim());
        Assert.DoesNotContain(AccountKey, System.Text.Json.JsonSerializer.Serialize(view), StringComparison.Ordinal);
    }

    // Upstream examples/artifact-repository-ref.yaml, against the repository its key names.
    [Fact]
    public async Task Run_ArtifactRepositoryRefExample_StoresInTheNamedRepository()
    {
        var view = await ArgoArtifactExamples.RunAsync(_engine!, "artifact-repository-ref.yaml", null, null);

        var stored = view.Node(view.Metadata.Name!).Outputs!.Artifacts!.Single().Azure!;
        Assert.Equal(_container, stored.Container);
        Assert.True(await Service.GetBlobContainerClient(_container).GetBlobClient(stored.Blob).ExistsAsync(), $"{stored.Blob} is not in the named repository");
    }

    [Fact]
    public async Task ArtifactRepositoryRef_BlobNameFormatAndArchiveLogs_FromTheRepository()
    {
        var view = await _engine!.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: repository-ref-logs-}
            spec:
              entrypoint: main
              artifactRepositoryRef: {configMap: team-repos}
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                    args: [echo, archived by the repository, /tmp/out]
                  outputs:
                    artifacts: [{name: out, path: /tmp/out, archive: {none: {}}}]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var name = view.Metadata.Name!;
        var artifacts = view.Node(name).Outputs!.Artifacts!.ToDictionary(a => a.Name, a => a.Azure!.Blob);
        Assert.Equal($"team/{name}/{name}/out", artifacts["out"]);
        Assert.Equal($"team/{name}/{name}/main.log", artifacts["main-logs"]);
        var blob = Service.GetBlobContainerClient(_container).GetBlobClient(artifacts["out"]);
        Assert.Equal("archived by the repository", (await blob.DownloadContentAsync()).Value.Content.ToString().Trim());
    }

    [Fact]
    public async Task ArtifactRepositoryRef_NotConfigured_ErrorsTheStepNamingTheSetting()
    {
        var view = await _engine!.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: repository-ref-missing-}
            spec:
              entrypoint: main
              artifactRepositoryRef: {configMap: nowhere, key: nothing}
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2, args: [echo, hi, /tmp/out]}
                  outputs:
                    artifacts: [{name: out, path: /tmp/out}]
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("Durango:ArtifactRepositories:nowhere:nothing:Azure:Endpoint", view.Node(view.Metadata.Name!).Message, StringComparison.Ordinal);
    }
}
