using Azure.Core;
using Durango.Cloud.ContainerInstances;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Durango.Testing.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.ContainerInstances;

/// <summary>
/// <c>containerSet</c> on the aci runtime: one container group per pod, against the ARM stand-in (which starts every
/// container of a group at once, as ACI does), with upstream's examples (examples/container-set-template/) and the
/// emissary's rules (cmd/argoexec/commands/emissary.go): dependencies waited for inside the group, a failed dependency
/// stops its dependents, <c>main</c>'s result and outputs, and per-container retries.
/// </summary>
public sealed class AciContainerSetTests : IAsyncLifetime
{
    private const string Secret = "cs-s3cret-4f5g6h";

    // What argoproj/argosay:v2 holds at its entry point /argosay, for the stand-in: the commands the examples use.
    private const string Argosay = """
        #!/bin/sh
        cmd="${1:-echo}"; [ $# -gt 0 ] && shift
        case "$cmd" in
          echo) if [ $# -ge 2 ]; then mkdir -p "$(dirname "$2")"; printf '%s\n' "$1" > "$2"; elif [ $# -eq 1 ]; then printf '%s\n' "$1"; else echo "hello argo"; fi ;;
          exit) exit "${1:-0}" ;;
          *) echo "argosay: unknown command $cmd" >&2; exit 1 ;;
        esac
        """;

    private readonly string _root = Path.Combine("/var/tmp", "durango-aci-set-tests", Guid.NewGuid().ToString("N"));
    private AciStandIn _arm = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _arm = await AciStandIn.StartAsync();
        Directory.CreateDirectory(_root);
        var argosay = Path.Combine(_root, "argosay");
        await File.WriteAllTextAsync(argosay, Argosay + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(argosay, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _arm.ImagePrograms["/argosay"] = argosay;
        var settings = AciRuntimeTests.Settings(_arm);
        settings["Secrets:cs-secret:token"] = Secret;
        _engine = await EngineHarness.StartAsync(settings, services: s => s.AddSingleton<TokenCredential>(new StandInCredential()));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _arm.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("sequence-workflow.yaml", new[] { "a", "b", "c" })]
    [InlineData("parallel-workflow.yaml", new[] { "a", "b" })]
    [InlineData("graph-workflow.yaml", new[] { "a", "b", "c", "d" })]
    public async Task UpstreamExample_RunsAsOneContainerGroup_EveryContainerSucceeded_GroupDeleted(string example, string[] containers)
    {
        var view = await _engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "container-set-template", example)));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var group = Assert.Single(_arm.Created);
        Assert.Equal(ContainerGroupNames.For(PodOf(view, view.Metadata.Name)), group);
        var spec = _arm.Specs[group]["properties"]!;
        Assert.Equal(containers, spec["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var nodes = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Container).ToDictionary(n => n.DisplayName);
        Assert.Equal(containers, nodes.Keys.Order(StringComparer.Ordinal));
        Assert.All(nodes.Values, n => Assert.Equal((NodePhase.Succeeded, "0"), (n.Phase, n.Outputs?.ExitCode)));
        Assert.Contains("hello argo", await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name), StringComparison.Ordinal);
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task WorkspaceExample_AndAnInputArtifact_MoveThroughTheAgentInTheSetsVolume()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var settings = AciRuntimeTests.Settings(_arm);
        settings["Durango:Aci:ArtifactStaging"] = azurite.ConnectionString;
        settings["Durango:Aci:ArtifactAgentImage"] = "durango/artifact-agent:test";
        await using var engine = await EngineHarness.StartAsync(settings, services: s => s.AddSingleton<TokenCredential>(new StandInCredential()));

        // Upstream's example: a container other than main writes the output parameter's and artifact's file.
        var workspace = await engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "container-set-template", "workspace-workflow.yaml")));
        var reads = await engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-input-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  inputs:
                    artifacts:
                      - {name: message, path: /workspace/in/message.txt, raw: {data: "hello from the input"}}
                  volumes:
                    - {name: workspace, emptyDir: {}}
                  containerSet:
                    volumeMounts:
                      - {mountPath: /workspace, name: workspace}
                    containers:
                      - {name: main, image: alpine, command: [cat, /workspace/in/message.txt]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, workspace.Status.Phase);
        var pod = workspace.Node(workspace.Metadata.Name);
        Assert.Equal("hi", pod.Outputs?.Parameter("out")?.TrimEnd('\n'));
        Assert.Equal("hello argo", pod.Outputs?.Result);
        Assert.Equal("out", Assert.Single(pod.Outputs!.Artifacts!).Name);
        var spec = _arm.Specs[ContainerGroupNames.For(PodOf(workspace, workspace.Metadata.Name))];
        Assert.Equal(["a", "main", ArtifactAgent.OutputsContainer], spec["properties"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("sig=", VisibleOf(spec), StringComparison.Ordinal);

        Assert.Equal(WorkflowPhase.Succeeded, reads.Status.Phase);
        Assert.Equal("hello from the input", reads.Node(reads.Metadata.Name).Outputs?.Result);
        var readsSpec = _arm.Specs[ContainerGroupNames.For(PodOf(reads, reads.Metadata.Name))];
        Assert.Equal(ArtifactAgent.InputsContainer, readsSpec["properties"]!["initContainers"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("sig=", VisibleOf(readsSpec), StringComparison.Ordinal);

        Assert.Equal(2, _arm.Created.Count);
        Assert.Empty(_arm.Existing);
        Assert.Empty(new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(new AciOptions().ArtifactStagingContainer).GetBlobs());
    }

    [Fact]
    public async Task OutputsResultExample_ResultIsMainsStdout_ThePodIsOneGroup()
    {
        var view = await _engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "container-set-template", "outputs-result-workflow.yaml")));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hi", view.Node("a").Outputs?.Result);
        Assert.Equal(NodePhase.Succeeded, view.Node("b").Phase);
        Assert.Equal(2, _arm.Created.Count);
        Assert.Equal(["main"], _arm.Specs[ContainerGroupNames.For(PodOf(view, "a"))]["properties"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dependencies_AreWaitedForInsideTheGroup_WhoseContainersAllStartTogether()
    {
        // Without the order kept inside the group, b and main (started at once with a) would write first.
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-order-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  volumes:
                    - {name: workspace, emptyDir: {}}
                  containerSet:
                    volumeMounts:
                      - {mountPath: /workspace, name: workspace}
                    containers:
                      - {name: a, image: alpine, command: [sh, -c, "sleep 1; echo a >> /workspace/order"]}
                      - {name: b, image: alpine, command: [sh, -c, "echo b >> /workspace/order"], dependencies: [a]}
                      - {name: main, image: alpine, command: [sh, -c, "echo main >> /workspace/order; cat /workspace/order"], dependencies: [b]}
                  outputs:
                    parameters:
                      - name: order
                        valueFrom: {path: /workspace/order}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName}: {n.Phase} {n.Message}")));
        var pod = view.Node(view.Metadata.Name);
        Assert.Equal("a\nb\nmain", pod.Outputs?.Result);
        Assert.Equal("a\nb\nmain", pod.Outputs?.Parameter("order")?.TrimEnd('\n'));
        var properties = _arm.Specs[Assert.Single(_arm.Created)]["properties"]!;
        Assert.Contains(properties["volumes"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "workspace" && v["emptyDir"] is not null);
        Assert.All(properties["containers"]!.AsArray(), c => Assert.Contains(c!["properties"]!["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/workspace"));
        var nodes = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Container).ToDictionary(n => n.DisplayName);
        Assert.Equal([nodes["b"].Id], nodes["a"].Children);
        Assert.Equal([nodes["a"].Id], pod.Children);
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task FailingDependency_DependentNeverRuns_PodFails_WithUpstreamsMessages()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-fail-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    containers:
                      - {name: a, image: alpine, command: [sh, -c, "exit 3"]}
                      - {name: main, image: alpine, command: [echo, never], dependencies: [a]}
                      - {name: c, image: alpine, command: [echo, also never], dependencies: [main]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(("Error (exit code 3)", "3"), (view.Node("a").Message, view.Node("a").Outputs?.ExitCode));
        Assert.Equal((NodePhase.Failed, "dependency \"a\" exited with non-zero code: 3"), (view.Node("main").Phase, view.Node("main").Message));
        Assert.Equal((NodePhase.Failed, "dependency \"main\" exited with non-zero code: 3"), (view.Node("c").Phase, view.Node("c").Message));
        Assert.Null(view.Node("main").StartedAt);
        Assert.Equal("Error (exit code 3)", view.Node(view.Metadata.Name).Message);
        Assert.DoesNotContain("never", await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name), StringComparison.Ordinal);
        Assert.Single(_arm.Created);
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task RetryStrategy_RunsAFailingCommandAgainInItsContainer_ResultIsTheLastRun()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-retry-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    retryStrategy: {retries: "3"}
                    containers:
                      - name: main
                        image: alpine
                        command: [sh, -c, "echo run >> runs; echo attempt $(wc -l < runs); [ $(wc -l < runs) -ge 3 ]"]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("attempt 3", view.Node(view.Metadata.Name).Outputs?.Result);
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.Contains("container main: exit code 1, run 2 of 3; running it again", log, StringComparison.Ordinal);
        Assert.Single(_arm.Created);
    }

    [Fact]
    public async Task SecretInAContainersEnv_GoesAsASecureValue_NowhereVisible()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-secret-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    containers:
                      - name: a
                        image: alpine
                        command: [sh, -c, "echo token $TOKEN"]
                        env:
                          - name: TOKEN
                            valueFrom: {secretKeyRef: {name: cs-secret, key: token}}
                      - {name: main, image: alpine, command: [echo, done], dependencies: [a]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var spec = _arm.Specs[Assert.Single(_arm.Created)];
        var token = spec["properties"]!["containers"]![0]!["properties"]!["environmentVariables"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "TOKEN")!;
        Assert.Equal(Secret, token["secureValue"]!.GetValue<string>());
        token.AsObject().Remove("secureValue");
        Assert.DoesNotContain(Secret, spec.ToJsonString(), StringComparison.Ordinal);
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.Contains("token ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_DeletesTheRunningGroup_TheWaitingContainerNeverRuns()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-stop-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    containers:
                      - {name: a, image: alpine, command: [sh, -c, "echo napping; sleep 60"]}
                      - {name: main, image: alpine, command: [echo, never], dependencies: [a]}
            """);
        await Eventually.HoldsAsync(async () => (await _engine.LogOfAsync(name, name)).Contains("napping", StringComparison.Ordinal));

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0);
        Assert.Equal(ContainerGroupNames.For(PodOf(view, name)), Assert.Single(_arm.Deleted, d => d.WasRunning).Name);
        Assert.Null(view.Node("main").StartedAt);
        Assert.DoesNotContain("never", await _engine.LogOfAsync(name, name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAgainAfterItsHostDied_FindsTheGroupOfTheFirstRun_OneGroupEveryContainerReported()
    {
        var options = AciRuntimeTests.Options(_arm);
        var logs = new FileLogStore(Path.Combine(_root, "logs"));
        var log = new NodeLog(logs, "wf", "wf-1", []);
        ContainerSetMemberRequest Member(string name, string script, params string[] dependencies) => new(name, dependencies,
            new ContainerRequest("wf", $"wf-set-9-{name}", "alpine:3.20", ["sh", "-c", script], [], [], null, null, new Dictionary<string, string>(), [], log));
        var request = new ContainerSetRequest("wf", "wf-set-9", [Member("a", "sleep 1; echo a"), Member("main", "echo main", "a")], [], 1, TimeSpan.Zero, log, null);

        // The first run created the group, then its host died: nothing deleted it.
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", AciStandIn.Token);
            var group = $"{_arm.Endpoint}subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/{ContainerGroupNames.For(request.PodName)}?api-version={options.ApiVersion}";
            var created = await http.PutAsync(group, new StringContent(ContainerSetGroupSpec.Build(request, options).Body!.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        IReadOnlyDictionary<string, ContainerResult> seen = new Dictionary<string, ContainerResult>();
        await new AciContainerRuntime(options, new StandInCredential()).RunSetAsync(request, (terminated, _) =>
        {
            seen = new Dictionary<string, ContainerResult>(terminated);
            return Task.FromResult(false);
        }, CancellationToken.None);
        await log.DisposeAsync();

        Assert.Single(_arm.Created);
        Assert.Equal([("a", 0, "a\n"), ("main", 0, "main\n")], seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.ExitCode, s.Value.Stdout)));
        Assert.Empty(_arm.Existing);
        Assert.Contains("exists from an earlier run", (await logs.ReadAsync("wf", "wf-1", 0)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerWithArgsAndNoCommand_OfAnUnknownImage_ErrorsWithWhatToSet_AndCreatesNothing()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-nocmd-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    containers:
                      - {name: main, image: example.org/tool:1, args: [run]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("Durango:Aci:Entrypoints", view.Node("main").Message, StringComparison.Ordinal);
        Assert.Empty(_arm.Created);
    }

    /// <summary>The group's body as ARM shows it: without secure values.</summary>
    private static string VisibleOf(System.Text.Json.Nodes.JsonObject spec)
    {
        var visible = spec.DeepClone();
        var properties = visible["properties"]!;
        foreach (var variable in (properties["initContainers"]?.AsArray() ?? []).Concat(properties["containers"]!.AsArray()).SelectMany(c => c!["properties"]!["environmentVariables"]!.AsArray()))
        {
            variable!.AsObject().Remove("secureValue");
        }

        return visible.ToJsonString();
    }

    private static string PodOf(Api.Workflows.WorkflowView view, string node) =>
        NodeIds.PodName(view.Metadata.Name, view.Node(node).Name, view.Node(node).TemplateName);
}
