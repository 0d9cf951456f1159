using System.Diagnostics;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Durango.Testing.Scenarios;
using Durango.Testing.StandIns;

namespace Durango.Engine.Tests.Executors;

/// <summary>The docker runtime, through the docker CLI stand-in (no Docker engine on the build machines).</summary>
public sealed class DockerRuntimeTests : IAsyncLifetime
{
    private const string Secret = "d0cker-s3cret-4f5g";
    private readonly DockerStandIn _docker = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Durango:ContainerRuntime"] = "docker",
        ["Durango:DockerCommand"] = _docker.Command,
        ["Secrets:docker-secret:token"] = Secret,
    });

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _docker.Dispose();
    }

    [Fact]
    public async Task ScriptWithSecretWorkingDirAndOutputFile_Runs_AndTheSecretStaysOffTheCommandLine()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: docker-script-}
            spec:
              entrypoint: work
              templates:
                - name: work
                  script:
                    image: alpine:3.20
                    command: [sh]
                    workingDir: /work
                    env:
                      - name: TOKEN
                        valueFrom: {secretKeyRef: {name: docker-secret, key: token}}
                    resources: {requests: {cpu: 250m, memory: 64Mi}}
                    source: |
                      echo "token $TOKEN"
                      echo "to stderr" >&2
                      printf green > color.txt
                  outputs:
                    parameters:
                      - name: color
                        valueFrom: {path: color.txt}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var node = view.Node(view.Metadata.Name);
        Assert.Equal("token ***", node.Outputs?.Result);
        Assert.Equal("green", node.Outputs?.Parameter("color"));
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.Contains("to stderr", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.Contains(_docker.Calls, c => c.StartsWith("create ", StringComparison.Ordinal) && c.Contains("--env TOKEN", StringComparison.Ordinal) && c.Contains("--cpus 0.25", StringComparison.Ordinal));
        Assert.DoesNotContain(_docker.Calls, c => c.Contains(Secret, StringComparison.Ordinal));
        Assert.Empty(_docker.Containers);
    }

    [Fact]
    public async Task ExitOne_FailsTheNode_MissingImage_ErrorsWithDockersReason()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: docker-fail-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: fail, template: fail}
                      - {name: pull, template: pull}
                - name: fail
                  container: {image: alpine:3.20, command: [sh, -c, "exit 1"]}
                - name: pull
                  container: {image: "example.invalid/missing:1", command: [echo]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Error (exit code 1)", view.Node("fail").Message);
        Assert.Equal(NodePhase.Error, view.Node("pull").Phase);
        Assert.Contains("manifest unknown", view.Node("pull").Message, StringComparison.Ordinal);
        Assert.Empty(_docker.Containers);
    }

    [Fact]
    public async Task Stop_RemovesTheRunningContainer()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: docker-stop-}
            spec:
              entrypoint: nap
              templates:
                - name: nap
                  container: {image: alpine:3.20, command: [sh, -c, "echo napping; sleep 60"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode(name) && v.Node(name).Phase == NodePhase.Running && _docker.Containers.Count == 1);

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        await Eventually.HoldsAsync(() => _docker.Containers.Count == 0, "the container to be removed");

        Assert.Contains(_docker.Calls, c => c.StartsWith("rm --force", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InputAndOutputArtifacts_FileAndDirectory_AreCopiedInAndOutWithDockerCp()
    {
        // Upstream examples/artifact-passing.yaml, with a raw input and a directory output as well.
        var view = await _engine.RunAsync(ArtifactPassingScenario.Workflow);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(ArtifactPassingScenario.ConsumerResult, view.Node("consume").Outputs?.Result);
        Assert.Equal(["dir", "hello"], view.Node("generate").Outputs!.Artifacts!.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, _docker.Calls.Count(c => c.StartsWith("cp - ", StringComparison.Ordinal) && c.EndsWith(":/", StringComparison.Ordinal)));
        Assert.Contains(_docker.Calls, c => c.StartsWith("cp ", StringComparison.Ordinal) && c.EndsWith(":/tmp/out -", StringComparison.Ordinal));
        Assert.Empty(_docker.Containers);
    }

    [Fact]
    public async Task Daemon_ServesALaterStepAtItsContainersIp_AndIsRemovedWhenTheStepsEnd()
    {
        // Upstream examples/daemon-step.yaml's shape; the stand-in's containers are local processes, whose address
        // `docker inspect` gives as 127.0.0.2: the client reaches the server only at {{steps.server.ip}}.
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync(DaemonScenario.Workflow(port, "httpGet: {path: /, port: " + port + "}", "127.0.0.2"));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("200", view.Node("client").Outputs?.Result);
        Assert.Equal("127.0.0.2", view.Node("server").PodIp);
        Assert.Contains(_docker.Calls, c => c.StartsWith("inspect --format", StringComparison.Ordinal) && c.Contains("IPAddress", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => _docker.Containers.Count == 0, "the daemon's container to be removed");
    }


    [Fact]
    public async Task RunAgainAfterItsHostDied_AttachesToTheContainerOfTheFirstRun()
    {
        var runtime = new DockerContainerRuntime(Path.Combine("/var/tmp", "durango-docker-tests", Guid.NewGuid().ToString("N")), _docker.Command);
        var logs = new FileLogStore(Path.Combine("/var/tmp", "durango-docker-tests", Guid.NewGuid().ToString("N")));
        var request = new ContainerRequest("wf", "wf-once-42", "alpine:3.20", ["sh", "-c", "sleep 1; echo once"], [], [], null, null,
            new Dictionary<string, string>(), [], new NodeLog(logs, "wf", "wf-1", []));

        // The first run created and started the container, then its host died.
        Assert.Equal(0, await DockerAsync("create", "--name", "wf-once-42", "--entrypoint", "sh", "alpine:3.20", "-c", "sleep 1; echo once"));
        using var first = Process.Start(new ProcessStartInfo(_docker.Command, ["start", "-a", "wf-once-42"]) { RedirectStandardOutput = true })!;
        // Running, not only asked to start: the stand-in logs the call before the container runs.
        await Eventually.HoldsAsync(() => _docker.Calls.Any(c => c.StartsWith("start", StringComparison.Ordinal)) && StatusOf("wf-once-42") == "running", "the first run's container to run");

        var result = await runtime.RunAsync(request, CancellationToken.None);
        await request.Log.DisposeAsync();

        Assert.Equal((0, "once\n"), (result.ExitCode, result.Stdout));
        Assert.Single(_docker.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
        Assert.Contains("exists from an earlier run", (await logs.ReadAsync("wf", "wf-1", 0)).Text, StringComparison.Ordinal);
        Assert.Empty(_docker.Containers);
    }

    private string StatusOf(string container)
    {
        using var process = Process.Start(new ProcessStartInfo(_docker.Command, ["inspect", "--format", "{{.State.Status}}", container]) { RedirectStandardOutput = true })!;
        var status = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return status;
    }

    private async Task<int> DockerAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(_docker.Command, args) { RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
