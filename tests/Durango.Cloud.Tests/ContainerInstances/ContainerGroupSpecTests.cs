using System.Diagnostics;
using Durango.Cloud.ContainerInstances;
using Durango.Engine.Executors;
using Durango.Engine.Stores;

namespace Durango.Cloud.Tests.ContainerInstances;

public sealed class ContainerGroupSpecTests
{
    private static readonly AciOptions Options = new() { SubscriptionId = "s", ResourceGroup = "rg", Location = "westeurope", SubnetId = "/subnets/steps" };

    private static ContainerRequest Request(IReadOnlyList<string> command, string? script = null, IReadOnlyList<string>? outputs = null, string? workingDir = null) =>
        new("wf", "wf-main-1", "alpine:3.20", command, ["x"], [new ResolvedEnv("A", "1", false), new ResolvedEnv("B", "secret", true)], workingDir, script,
            new Dictionary<string, string>(), outputs ?? [], new NodeLog(new FileLogStore(Path.GetTempPath()), "wf", "n", []));

    [Fact]
    public void Build_ScriptAndOutputs_MountsTheScript_WrapsTheCommand_SecretsAreSecure()
    {
        var (body, error) = ContainerGroupSpec.Build(Request(["python"], script: "print(1)", outputs: ["out.txt"]), Options);

        Assert.Null(error);
        var properties = body!["properties"]!;
        var container = properties["containers"]![0]!["properties"]!;
        var command = container["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(["/bin/sh", "-c"], command.Take(2));
        // Upstream order (operator.go executeScript): command, args, then the script path.
        Assert.Equal(["1", "out.txt", "python", "x", "/durango/script/script"], command.Skip(4));
        Assert.Equal("cHJpbnQoMSk=", properties["volumes"]![0]!["secret"]!["script"]!.GetValue<string>());
        Assert.Equal("/durango/script", container["volumeMounts"]![0]!["mountPath"]!.GetValue<string>());
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","secureValue":"secret"}]""", container["environmentVariables"]!.ToJsonString());
        Assert.Equal(1.0, container["resources"]!["requests"]!["cpu"]!.GetValue<double>());
        Assert.Equal("/subnets/steps", properties["subnetIds"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("wf", body["tags"]!["durango-workflow"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Daemon_DeclaresItsProbePortsOnAPrivateIp_WithoutASubnetSaysWhatToSet()
    {
        var daemon = Request(["nginx"]) with { Daemon = true, Ports = [8080] };

        var (body, error) = ContainerGroupSpec.Build(daemon, Options);
        var (_, noSubnet) = ContainerGroupSpec.Build(daemon, new AciOptions { SubscriptionId = "s", ResourceGroup = "rg", Location = "westeurope" });
        var (_, noPort) = ContainerGroupSpec.Build(daemon with { Ports = [] }, Options);

        Assert.Null(error);
        Assert.Equal("""{"type":"Private","ports":[{"port":8080,"protocol":"TCP"}]}""", body!["properties"]!["ipAddress"]!.ToJsonString());
        Assert.Equal("""[{"port":8080}]""", body["properties"]!["containers"]![0]!["properties"]!["ports"]!.ToJsonString());
        Assert.Contains("Durango:Aci:SubnetId", noSubnet, StringComparison.Ordinal);
        Assert.Contains("readinessProbe", noPort, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoCommandButArgs_SaysToSetTheCommand()
    {
        var (body, error) = ContainerGroupSpec.Build(Request([]), Options);

        Assert.Null(body);
        Assert.Contains("needs container.command", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2.0)]
    [InlineData("1.5", 1.5)]
    public void Cores(string quantity, double cores) => Assert.Equal(cores, ResourceQuantities.Cores(quantity));

    [Theory]
    [InlineData("512Mi", 0.537)]
    [InlineData("1G", 1.0)]
    [InlineData("2Gi", 2.147)]
    public void Gigabytes(string quantity, double gigabytes) => Assert.Equal(gigabytes, ResourceQuantities.Gigabytes(quantity)!.Value, 3);

    [Theory]
    [InlineData("lots")]
    [InlineData("1Zi")]
    public void Quantities_Nonsense_IsNull(string quantity)
    {
        Assert.Null(ResourceQuantities.Cores(quantity));
        Assert.Null(ResourceQuantities.Gigabytes(quantity));
    }

    [Fact]
    public void GroupNames_AreValidArmNames_StableAndDistinct()
    {
        var longPod = "wf-" + new string('a', 80) + "-12345";

        Assert.Equal("hello-abc-echo-1337", ContainerGroupNames.For("hello-abc-echo-1337"));
        Assert.Matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", ContainerGroupNames.For(longPod));
        Assert.Equal(ContainerGroupNames.For(longPod), ContainerGroupNames.For(longPod));
        Assert.NotEqual(ContainerGroupNames.For(longPod), ContainerGroupNames.For(longPod + "6"));
        Assert.Matches("^[a-z0-9-]+$", ContainerGroupNames.For("Wf.Step_1"));
    }

    [Fact]
    public async Task OutputCapture_RunByARealShell_ReturnsTheFilesAndTheCommandsOutputAndExitCode()
    {
        var directory = Directory.CreateTempSubdirectory("durango-capture-").FullName;
        var argv = OutputCapture.Wrap(["sh", "-c", "printf 'two\\nlines' > a.txt; printf 'é' > b.txt; echo out; exit 3"], ["a.txt", "b.txt", "missing.txt"]);
        var start = new ProcessStartInfo(argv[0]) { WorkingDirectory = directory, RedirectStandardOutput = true };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (stdout, files) = OutputCapture.Split(output, ["a.txt", "b.txt", "missing.txt"]);

        Assert.Equal(3, process.ExitCode);
        Assert.Equal("out\n", stdout);
        Assert.Equal("two\nlines", files["a.txt"]);
        Assert.Equal("é", files["b.txt"]);
        Assert.Null(files["missing.txt"]);
    }
}
