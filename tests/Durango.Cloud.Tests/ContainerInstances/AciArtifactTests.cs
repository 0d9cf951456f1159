using Azure.Core;
using Azure.Storage.Blobs;
using Durango.Cloud.ContainerInstances;
using Durango.Core.Spec;
using Durango.Engine.Artifacts;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Storage.Artifacts;
using Durango.Testing;
using Durango.Testing.Scenarios;
using Durango.Testing.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.ContainerInstances;

/// <summary>
/// Artifacts on the aci runtime, through the ARM stand-in (whose container groups run their init container, main
/// container and sidecar as local processes) and Azurite as the staging account: SAS URLs reach the agent as secure
/// values only, inputs are placed before the step and outputs stored after it.
/// </summary>
public sealed class AciArtifactTests : IAsyncLifetime
{
    private const string AgentImage = "durango/artifact-agent:test";
    private readonly string _root = Path.Combine("/var/tmp", "durango-aci-artifact-tests", Guid.NewGuid().ToString("N"));
    private AciStandIn _arm = null!;
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync()
    {
        _arm = await AciStandIn.StartAsync();
        _azurite = await AzuriteServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _arm.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ArtifactPassing_InputsAndOutputsMoveThroughTheAgent_AndNoKeyOrSasIsVisible()
    {
        var settings = AciRuntimeTests.Settings(_arm);
        settings["Durango:Aci:ArtifactStaging"] = _azurite.ConnectionString;
        settings["Durango:Aci:ArtifactAgentImage"] = AgentImage;
        await using var engine = await EngineHarness.StartAsync(settings, services: s => s.AddSingleton<TokenCredential>(new StandInCredential()));

        // Upstream examples/artifact-passing.yaml, with a raw input and a directory output as well.
        var view = await engine.RunAsync(ArtifactPassingScenario.Workflow);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(ArtifactPassingScenario.ConsumerResult, view.Node("consume").Outputs?.Result);
        Assert.Equal(["dir", "hello"], view.Node("generate").Outputs!.Artifacts!.Select(a => a.Name).Order(StringComparer.Ordinal));

        var spec = _arm.Specs[ContainerGroupNames.For(PodOf(view, "generate"))];
        var properties = spec["properties"]!;
        Assert.Equal([ContainerGroupSpec.ContainerName, ArtifactAgent.OutputsContainer], properties["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(ArtifactAgent.InputsContainer, properties["initContainers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(AgentImage, properties["initContainers"]![0]!["properties"]!["image"]!.GetValue<string>());
        var urls = properties["initContainers"]!.AsArray().Concat(properties["containers"]!.AsArray())
            .SelectMany(c => c!["properties"]!["environmentVariables"]!.AsArray()).Where(e => e!["name"]!.GetValue<string>().EndsWith("_URL", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, urls.Count);
        Assert.All(urls, u => Assert.Contains("sig=", u!["secureValue"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(urls, u => Assert.Null(u!["value"]));

        // Neither the account key nor a signature is anywhere but in the secure values.
        var visible = spec.DeepClone();
        foreach (var url in visible["properties"]!["initContainers"]!.AsArray().Concat(visible["properties"]!["containers"]!.AsArray())
            .SelectMany(c => c!["properties"]!["environmentVariables"]!.AsArray()))
        {
            url!.AsObject().Remove("secureValue");
        }

        var key = _azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        Assert.DoesNotContain(key, visible.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", visible.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", await engine.LogOfAsync(view.Metadata.Name, "generate"), StringComparison.Ordinal);

        // The consumer has inputs only: its outputs are the paths it may write, which it does not.
        Assert.Empty(_arm.Existing);
        var staged = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(new AciOptions().ArtifactStagingContainer);
        Assert.Empty(staged.GetBlobs());
    }

    [Fact]
    public async Task ActivityRunAgain_FindsTheInputsAnEarlierRunUploaded_AndDoesNotUploadThemTwice()
    {
        var options = AciRuntimeTests.Options(_arm);
        options.ArtifactStaging = _azurite.ConnectionString;
        options.ArtifactAgentImage = AgentImage;
        options.WorkDirectory = Path.Combine(_root, "work");
        var template = new Template
        {
            Name = "shout",
            Inputs = new Inputs { Artifacts = [new Artifact { Name = "message", Path = "/tmp/in/message.txt", Raw = new RawArtifact("hello") }] },
            Outputs = new Outputs { Artifacts = [new Artifact { Name = "loud", Path = "/tmp/loud.txt", Archive = ArtifactArchive.None }] },
            Body = new ContainerBody(new ContainerSpec { Image = "alpine:3.20" }),
        };
        var repository = new LocalArtifactRepository(Path.Combine(_root, "repository"));
        var exchange = new StepArtifacts(
            new ArtifactLocations(new DefaultArtifactRepository(repository), new AzureArtifactRepositories(), new ConfigurationSecretStore(new ConfigurationBuilder().Build())),
            new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
            "wf", "wf-shout-7", template);
        var logs = new FileLogStore(Path.Combine(_root, "logs"));
        var request = new ContainerRequest("wf", "wf-shout-7", "alpine:3.20", ["sh", "-c", "sleep 2; tr a-z A-Z < /tmp/in/message.txt > /tmp/loud.txt"], [], [], null, null,
            new Dictionary<string, string>(), [], new NodeLog(logs, "wf", "wf-1", []), exchange);

        // The first run placed and uploaded the inputs, then its host died before it created the group.
        var group = ContainerGroupNames.For(request.PodName);
        var staging = new ArtifactStagingBlobs(options, new StandInCredential());
        var first = Path.Combine(_root, "first");
        await exchange.PlaceInputsAsync(p => Path.Combine(first, p.TrimStart('/')), CancellationToken.None);
        Assert.False(await staging.UploadOnceAsync(staging.Blob(group, "inputs"), first, CancellationToken.None));
        var uploaded = (await staging.Blob(group, "inputs").GetPropertiesAsync()).Value.ETag;

        var run = new AciContainerRuntime(options, new StandInCredential()).RunAsync(request, CancellationToken.None);
        await Eventually.HoldsAsync(() => _arm.Running.Count == 1, "the second run's group to run");
        var seen = (await staging.Blob(group, "inputs").GetPropertiesAsync()).Value.ETag;
        var result = await run;
        await request.Log.DisposeAsync();

        Assert.Equal(uploaded, seen);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(_arm.Created);
        Assert.Equal("loud", Assert.Single(exchange.Stored).Name);
        var stored = await repository.OpenReadAsync(exchange.Stored[0].Azure!.Blob, CancellationToken.None);
        using (var reader = new StreamReader(stored!))
        {
            Assert.Equal("HELLO", await reader.ReadToEndAsync());
        }

        Assert.Contains("found in staging, uploaded by an earlier run", (await logs.ReadAsync("wf", "wf-1", 0)).Text, StringComparison.Ordinal);
        Assert.False(await staging.Blob(group, "inputs").ExistsAsync());
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task StepWithArtifacts_WithoutAStagingAccount_ErrorsWithWhatToSet_AndCreatesNothing()
    {
        var template = new Template
        {
            Name = "t",
            Outputs = new Outputs { Artifacts = [new Artifact { Name = "out", Path = "/tmp/out.txt" }] },
            Body = new ContainerBody(new ContainerSpec { Image = "alpine:3.20" }),
        };
        var exchange = new StepArtifacts(
            new ArtifactLocations(new DefaultArtifactRepository(new LocalArtifactRepository(_root)), new AzureArtifactRepositories(), new ConfigurationSecretStore(new ConfigurationBuilder().Build())),
            new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), "wf", "wf-t-1", template);
        var request = new ContainerRequest("wf", "wf-t-1", "alpine:3.20", ["true"], [], [], null, null,
            new Dictionary<string, string>(), [], new NodeLog(new FileLogStore(Path.Combine(_root, "logs")), "wf", "wf-1", []), exchange);

        var error = await Assert.ThrowsAsync<ContainerStartException>(() => new AciContainerRuntime(AciRuntimeTests.Options(_arm), new StandInCredential()).RunAsync(request, CancellationToken.None));

        Assert.Contains("Durango:Aci:ArtifactStaging", error.Message, StringComparison.Ordinal);
        Assert.Contains("Durango:Aci:ArtifactAgentImage", error.Message, StringComparison.Ordinal);
        Assert.Empty(_arm.Created);
    }

    private static string PodOf(Api.Workflows.WorkflowView view, string node) =>
        NodeIds.PodName(view.Metadata.Name, view.Node(node).Name, view.Node(node).TemplateName);
}
