using Durango.Cloud.ContainerInstances;
using Durango.Core.Spec;
using Durango.Engine.Executors;
using Durango.Engine.Stores;

namespace Durango.Cloud.Tests.ContainerInstances;

/// <summary>The body of a <c>containerSet</c>'s one container group (<see cref="ContainerSetGroupSpec"/>).</summary>
public sealed class ContainerSetGroupSpecTests
{
    private static readonly AciOptions Options = new() { SubscriptionId = "s", ResourceGroup = "rg", Location = "westeurope", DefaultCpu = 1, DefaultMemoryGb = 1.5 };

    private static ContainerSetMemberRequest Member(string name, string? image, IReadOnlyList<string> command, IReadOnlyList<string> args, params string[] dependencies) =>
        new(name, dependencies, new ContainerRequest("wf", $"wf-set-1-{name}", image, command, args, [], null, null, new Dictionary<string, string>(), [],
            new NodeLog(new FileLogStore(Path.GetTempPath()), "wf", "n", [])));

    private static ContainerSetRequest Set(params ContainerSetMemberRequest[] members) =>
        new("wf", "wf-set-1", members, [new VolumeMount("work_space", "/workspace")], 3, TimeSpan.FromMilliseconds(1500), members[0].Request.Log, null);

    [Fact]
    public void Build_EveryContainerMountsTheMarkersAndTheSetsVolumes_AndSharesOneContainersDefaults()
    {
        var (body, error) = ContainerSetGroupSpec.Build(Set(Member("a", "alpine", ["echo", "a"], []), Member("main", "argoproj/argosay:v2", [], ["echo", "hi"], "a")), Options);

        Assert.Null(error);
        var properties = body!["properties"]!;
        Assert.Equal([ContainerSetGroupSpec.MarkerVolume, ContainerGroupNames.For("work_space")], properties["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        var containers = properties["containers"]!.AsArray().Select(c => c!["properties"]!).ToList();
        Assert.All(containers, c => Assert.Equal(
            [ContainerSetGroupSpec.MarkerDirectory, "/workspace"], c["volumeMounts"]!.AsArray().Select(m => m!["mountPath"]!.GetValue<string>())));
        Assert.All(containers, c => Assert.Equal((0.5, 0.8), (c["resources"]!["requests"]!["cpu"]!.GetValue<double>(), c["resources"]!["requests"]!["memoryInGB"]!.GetValue<double>())));

        // The wrapper's arguments: name, runs, seconds apart, dependencies, containers to wait for, then the command
        // (an image's known entry point where it has none).
        var main = containers[1]["command"]!.AsArray().Select(c => c!.GetValue<string>()).Skip(4).ToList();
        Assert.Equal(["main", "3", "1.5", "1", "a", "0", "/argosay", "echo", "hi"], main);
    }

    [Fact]
    public void Build_ArgsWithoutCommandOfAnUnknownImage_SaysWhatToSet()
    {
        var (body, error) = ContainerSetGroupSpec.Build(Set(Member("main", "example.org/tool:1", [], ["run"])), Options);

        Assert.Null(body);
        Assert.StartsWith("container main: the aci runtime needs container.command", error, StringComparison.Ordinal);
        Assert.Contains("Durango:Aci:Entrypoints:<image repository>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AContainerNamedAsTheArtifactAgent_IsRefused()
    {
        var (_, error) = ContainerSetGroupSpec.Build(Set(Member(ArtifactAgent.OutputsContainer, "alpine", ["true"], [])), Options);

        Assert.Contains("rename that container", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("one\ntwo\n", "one\ntwo\n")]
    [InlineData("one\n[durango] container main: exit code 1, run 1 of 3; running it again\ntwo\n", "two\n")]
    [InlineData("x\n[durango] container main: exit code 1, run 1 of 3; running it again\ny\n[durango] container main: exit code 2, run 2 of 3; running it again\nz\n", "z\n")]
    [InlineData("say [durango] container main: exit code 1\nz\n", "say [durango] container main: exit code 1\nz\n")]
    public void LastRun_IsWhatFollowsTheLastNoticeOfARunAgain(string output, string last) =>
        Assert.Equal(last, ContainerSetGroupSpec.LastRun(output, "main"));
}
