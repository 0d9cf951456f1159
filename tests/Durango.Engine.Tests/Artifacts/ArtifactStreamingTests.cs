using Durango.Core.Spec;
using Durango.Engine.Artifacts;
using Durango.Engine.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Artifacts;

/// <summary>Alone: the memory bound below counts the whole process's allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArtifactStreamingCollection
{
    public const string Name = "artifact-streaming";
}

/// <summary>
/// Artifacts stream between a step's files and the repository: a 128 MiB file is stored (archived and as it is) and
/// placed again while the process allocates a small fraction of its size. A 1 GB artifact is too slow for CI; the
/// bound is what shows that nothing holds an artifact whole.
/// </summary>
[Collection(ArtifactStreamingCollection.Name)]
public sealed class ArtifactStreamingTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const long Size = 128L * 1024 * 1024;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "durango-artifact-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private StepArtifacts Step(Template template)
    {
        var locations = new ArtifactLocations(
            new DefaultArtifactRepository(new LocalArtifactRepository(Path.Combine(_root, "repository"))),
            new NoAzureArtifactRepositories(),
            new ConfigurationSecretStore(new ConfigurationBuilder().Build()));
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new StepArtifacts(locations, http, "wf", "wf-pod-1", template);
    }

    private string Host(string folder, string path) => Path.Combine(_root, folder, path.TrimStart('/'));

    [Fact]
    public async Task SaveAndLoad_128MiB_AllocatesLessThan16MiB()
    {
        var file = Host("producer", "/data/big.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var stream = File.Create(file))
        {
            stream.SetLength(Size);
            stream.Position = Size - 5;
            await stream.WriteAsync("last!"u8.ToArray());
        }

        var producer = Step(new Template
        {
            Name = "produce",
            Body = new ContainerBody(new ContainerSpec()),
            Outputs = new Outputs
            {
                Artifacts =
                [
                    new Artifact { Name = "packed", Path = "/data/big.bin" },
                    new Artifact { Name = "plain", Path = "/data/big.bin", Archive = ArtifactArchive.None },
                ],
            },
        });
        var before = GC.GetTotalAllocatedBytes(precise: true);

        await producer.CollectOutputsAsync(p => Host("producer", p), CancellationToken.None);
        var consumer = Step(new Template
        {
            Name = "consume",
            Body = new ContainerBody(new ContainerSpec()),
            Inputs = new Inputs { Artifacts = producer.Stored.Select(a => a with { Path = $"/in/{a.Name}" }).ToList() },
        });
        await consumer.PlaceInputsAsync(p => Host("consumer", p), CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Empty(producer.Missing);
        Assert.Equal(["wf/wf-pod-1/packed.tgz", "wf/wf-pod-1/plain"], producer.Stored.Select(a => a.Azure!.Blob));
        foreach (var name in new[] { "packed", "plain" })
        {
            var placed = new FileInfo(Host("consumer", $"/in/{name}"));
            Assert.Equal(Size, placed.Length);
            await using var read = placed.OpenRead();
            read.Position = Size - 5;
            var tail = new byte[5];
            await read.ReadExactlyAsync(tail);
            Assert.Equal("last!"u8.ToArray(), tail);
        }

        output.WriteLine($"moved 4 x 128 MiB (store tgz, store as is, load both) allocating {allocated / 1024.0 / 1024:0.0} MiB");
        Assert.True(allocated < 16 * 1024 * 1024, $"moving 4 x 128 MiB allocated {allocated / 1024 / 1024} MiB");
    }

    [Fact]
    public async Task Collect_RequiredOutputMissing_IsReported_OptionalIsNot()
    {
        var step = Step(new Template
        {
            Name = "t",
            Body = new ContainerBody(new ContainerSpec()),
            Outputs = new Outputs
            {
                Artifacts = [new Artifact { Name = "need", Path = "/out/need" }, new Artifact { Name = "maybe", Path = "/out/maybe", Optional = true }],
            },
        });

        await step.CollectOutputsAsync(p => Host("empty", p), CancellationToken.None);

        Assert.Equal(["output artifact 'need': /out/need was not produced"], step.Missing);
        Assert.Empty(step.Stored);
    }

    [Fact]
    public async Task Load_DirectoryKeyAndSubPath_PlacesFiles()
    {
        var source = Host("producer", "/mnt/out");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        await File.WriteAllTextAsync(Path.Combine(source, "0.json"), "{\"foo\": 1}");
        await File.WriteAllTextAsync(Path.Combine(source, "sub", "1.json"), "{\"foo\": 2}");
        var producer = Step(new Template
        {
            Name = "split",
            Body = new ContainerBody(new ContainerSpec()),
            Outputs = new Outputs { Artifacts = [new Artifact { Name = "parts", Path = "/mnt/out", Archive = ArtifactArchive.None, Azure = new AzureArtifact { Blob = "wf/parts/" } }] },
        });
        await producer.CollectOutputsAsync(p => Host("producer", p), CancellationToken.None);

        // Upstream examples/map-reduce.yaml: a key-only input naming one object, and one naming the directory.
        var consumer = Step(new Template
        {
            Name = "map",
            Body = new ContainerBody(new ContainerSpec()),
            Inputs = new Inputs
            {
                Artifacts =
                [
                    new Artifact { Name = "one", Path = "/mnt/in/part.json", Azure = new AzureArtifact { Blob = "wf/parts/sub/1.json" } },
                    new Artifact { Name = "all", Path = "/mnt/all", Azure = new AzureArtifact { Blob = "wf/parts" } },
                ],
            },
        });
        await consumer.PlaceInputsAsync(p => Host("consumer", p), CancellationToken.None);

        Assert.Equal("{\"foo\": 2}", await File.ReadAllTextAsync(Host("consumer", "/mnt/in/part.json")));
        Assert.Equal("{\"foo\": 1}", await File.ReadAllTextAsync(Host("consumer", "/mnt/all/0.json")));
        Assert.True(File.Exists(Host("consumer", "/mnt/all/sub/1.json")));
    }
}
