using Azure.Core;
using Durango.Cloud.ContainerInstances;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Durango.Testing.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.ContainerInstances;

/// <summary>Workflows whose container and script steps run on Azure Container Instances, through the ARM stand-in.</summary>
public sealed class AciRuntimeTests : IAsyncLifetime
{
    private const string Secret = "aci-s3cret-7h8j9k";
    private AciStandIn _arm = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _arm = await AciStandIn.StartAsync();
        _engine = await EngineHarness.StartAsync(Settings(_arm), services: s => s.AddSingleton<TokenCredential>(new StandInCredential()));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _arm.DisposeAsync();
    }

    internal static Dictionary<string, string?> Settings(AciStandIn arm) => new()
    {
        ["Durango:ContainerRuntime"] = "aci",
        ["Durango:Aci:Endpoint"] = arm.Endpoint,
        ["Durango:Aci:SubscriptionId"] = "00000000-0000-0000-0000-000000000001",
        ["Durango:Aci:ResourceGroup"] = "durango-steps",
        ["Durango:Aci:Location"] = "westeurope",
        ["Durango:Aci:PollInterval"] = "00:00:00.100",
        ["Durango:Aci:MaxPollInterval"] = "00:00:00.500",
        ["Durango:Aci:RetryDelay"] = "00:00:00.200",
        ["Secrets:aci-secret:token"] = Secret,
    };

    [Fact]
    public async Task ScriptWithSecretAndOutputFile_RunsAsAContainerGroup_ThatIsDeletedAfterwards()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-script-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: work, template: work}
                    - - {name: use, template: use, arguments: {parameters: [{name: color, value: "{{steps.work.outputs.parameters.color}}"}]}}
                - name: work
                  script:
                    image: alpine:3.20
                    command: [sh]
                    env:
                      - name: TOKEN
                        valueFrom: {secretKeyRef: {name: aci-secret, key: token}}
                    resources: {requests: {cpu: 500m, memory: 256Mi}}
                    source: |
                      echo "token is $TOKEN"
                      printf teal > color.txt
                      echo done
                  outputs:
                    parameters:
                      - name: color
                        valueFrom: {path: color.txt}
                - name: use
                  inputs: {parameters: [{name: color}]}
                  container: {image: alpine:3.20, command: [echo, "color {{inputs.parameters.color}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("color teal", view.Node("use").Outputs?.Result);
        Assert.Equal("token is ***\ndone", view.Node("work").Outputs?.Result);
        Assert.Equal(2, _arm.Created.Count);
        Assert.Empty(_arm.Existing);

        var spec = _arm.Specs[ContainerGroupNames.For(PodOf(view, "work"))];
        var container = spec["properties"]!["containers"]![0]!["properties"]!;
        Assert.Equal("Never", spec["properties"]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal(0.5, container["resources"]!["requests"]!["cpu"]!.GetValue<double>());
        Assert.Equal(0.3, container["resources"]!["requests"]!["memoryInGB"]!.GetValue<double>());
        var token = container["environmentVariables"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "TOKEN")!;
        Assert.Equal(Secret, token["secureValue"]!.GetValue<string>());
        Assert.Null(token["value"]);

        var log = await _engine.LogOfAsync(view.Metadata.Name, "work");
        Assert.Contains("token is ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(OutputCapture.Marker, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerThatExitsOne_FailsTheNode_AndItsGroupIsDeleted()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-fail-}
            spec:
              entrypoint: fail
              templates:
                - name: fail
                  container: {image: alpine:3.20, command: [sh, -c, "echo failing; exit 1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Error (exit code 1)", view.Node(view.Metadata.Name).Message);
        Assert.Equal("1", view.Node(view.Metadata.Name).Outputs?.ExitCode);
        Assert.Single(_arm.Created);
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task ThrottledByArm_RetriesAfterRetryAfter_AndSucceeds()
    {
        _arm.ThrottleNext(3);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-throttled-}
            spec:
              entrypoint: hello
              templates:
                - name: hello
                  container: {image: alpine:3.20, command: [echo, hello]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello", view.Node(view.Metadata.Name).Outputs?.Result);
        Assert.Equal(3, _arm.Throttled);
        Assert.Single(_arm.Created);
    }

    [Fact]
    public async Task Stop_DeletesTheRunningGroup_AndTheExitHandlerRunsInItsOwnGroup()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-stop-}
            spec:
              entrypoint: nap
              onExit: bye
              templates:
                - name: nap
                  container: {image: alpine:3.20, command: [sh, -c, "echo napping; sleep 60"]}
                - name: bye
                  container: {image: alpine:3.20, command: [echo, "bye {{workflow.status}}"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode(name) && v.Node(name).Phase == NodePhase.Running);
        await Eventually.HoldsAsync(async () => (await _engine.LogOfAsync(name, name)).Contains("napping", StringComparison.Ordinal));

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("bye Failed", view.Node($"{name}.onExit").Outputs?.Result);
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0);
        Assert.Contains(_arm.Deleted, d => d.WasRunning);
        Assert.Equal(2, _arm.Created.Count);
    }

    [Fact]
    public async Task TerminateAndDeadline_DeleteTheRunningGroups()
    {
        const string Sleeper = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-end-}
            spec:
              entrypoint: nap
              templates:
                - name: nap
                  container: {image: alpine:3.20, command: [sh, -c, "sleep 60"]}
            """;
        var terminated = await _engine.SubmitAsync(Sleeper);
        await Eventually.HoldsAsync(() => _arm.Running.Count == 1);
        await _engine.Workflows.TerminateAsync(terminated);
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0);

        var timedOut = await _engine.RunAsync(Sleeper.Replace("entrypoint: nap", "entrypoint: nap\n  activeDeadlineSeconds: 2", StringComparison.Ordinal));

        Assert.Equal(WorkflowPhase.Failed, (await _engine.WaitAsync(terminated)).Status.Phase);
        Assert.Equal(WorkflowPhase.Failed, timedOut.Status.Phase);
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0);
        Assert.Equal(2, _arm.Deleted.Count(d => d.WasRunning));
    }

    [Fact]
    public async Task ImageThatCannotBePulled_ErrorsTheNodeWithAcisReason()
    {
        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-pull-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: "{{AciStandIn.MissingImage}}", command: [echo, never]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("Failed to pull image", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
        Assert.Empty(_arm.Existing);
    }

    [Fact]
    public async Task ArgsWithoutCommand_ErrorsWithWhatToDo_AndCreatesNothing()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-args-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: alpine:3.20, args: [hello]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("needs container.command", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
        Assert.Empty(_arm.Created);
    }

    [Fact]
    public async Task ActivityRunAgainAfterItsHostDied_FindsTheGroupOfTheFirstRun_OneGroupOneRun()
    {
        var options = Options(_arm);
        var logs = new FileLogStore(Path.Combine("/var/tmp", "durango-aci-tests", Guid.NewGuid().ToString("N")));
        var request = new ContainerRequest("wf", "wf-count-123", "alpine:3.20", ["sh", "-c", "sleep 1; echo ran"], [], [], null, null,
            new Dictionary<string, string>(), [], new NodeLog(logs, "wf", "wf-1", []));

        // The first run created the group, then its host died: nothing deleted it.
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", AciStandIn.Token);
            var group = $"{_arm.Endpoint}subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/{ContainerGroupNames.For(request.PodName)}?api-version={options.ApiVersion}";
            var created = await http.PutAsync(group, new StringContent(ContainerGroupSpec.Build(request, options).Body!.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var result = await new AciContainerRuntime(options, new StandInCredential()).RunAsync(request, CancellationToken.None);

        Assert.Single(_arm.Created);
        Assert.Equal((0, "ran\n"), (result.ExitCode, result.Stdout));
        Assert.Empty(_arm.Existing);
        await request.Log.DisposeAsync();
        Assert.Contains("exists from an earlier run", (await logs.ReadAsync("wf", "wf-1", 0)).Text, StringComparison.Ordinal);
    }

    internal static AciOptions Options(AciStandIn arm) => new()
    {
        Endpoint = new Uri(arm.Endpoint),
        SubscriptionId = "00000000-0000-0000-0000-000000000001",
        ResourceGroup = "durango-steps",
        Location = "westeurope",
        PollInterval = TimeSpan.FromMilliseconds(100),
        MaxPollInterval = TimeSpan.FromMilliseconds(500),
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private static string PodOf(Api.Workflows.WorkflowView view, string node) =>
        NodeIds.PodName(view.Metadata.Name, view.Node(node).Name, view.Node(node).TemplateName);
}
