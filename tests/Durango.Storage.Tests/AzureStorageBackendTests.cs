using Azure.Storage.Blobs;
using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Embedded;
using Durango.Engine.Stores;
using Durango.Engine.Model;
using Durango.Testing;
using Durango.Testing.Scenarios;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Storage.Tests;

/// <summary>The engine on the Durable Task Azure Storage provider against Azurite, its stores in Blob Storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _hub = AzuriteFixture.NewTaskHub("backend");
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(backend: new EmbeddedBackendOptions
    {
        Storage = azurite.Server.ConnectionString,
        TaskHub = _hub,
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task StepsDagAndExitHandler_RunAsSubOrchestrations_WithLogsInBlobs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: storage-}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: main
                  steps:
                    - - {name: first, template: say, arguments: {parameters: [{name: text, value: one}]}}
                    - - {name: nested, template: nested}
                      - {name: graph, template: graph}
                - name: nested
                  steps:
                    - - {name: inner, template: say, arguments: {parameters: [{name: text, value: two}]}}
                - name: graph
                  dag:
                    tasks:
                      - {name: A, template: say, arguments: {parameters: [{name: text, value: a}]}}
                      - {name: B, template: say, depends: A, arguments: {parameters: [{name: text, value: "b after {{tasks.A.outputs.result}}"}]}}
                - name: exit
                  steps:
                    - - {name: report, template: say, arguments: {parameters: [{name: text, value: "status {{workflow.status}}"}]}}
                - name: say
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("b after a", view.Node("B").Outputs?.Result);
        Assert.Equal("status Succeeded", view.Node("report").Outputs?.Result);
        Assert.Contains("two", await _engine.LogOfAsync(view.Metadata.Name, "inner"), StringComparison.Ordinal);
        Assert.True(await BlobExistsAsync("logs", view.Metadata.Name));
        Assert.True(await BlobExistsAsync("nodes", view.Metadata.Name));
    }

    [Fact]
    public async Task LargeOutputs_AreStoredAsBlobs_AndReachTheirConsumers()
    {
        await LargeOutputScenario.RunAsync(_engine);

        Assert.True(await BlobExistsAsync("outputs", prefix: null));
    }

    [Fact]
    public async Task OneMegabyteOutput_Completes_WithStatusAndLogsReadableWhileItRuns()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: megabyte-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: produce, template: produce}
                    - - {name: consume, template: consume, arguments: {parameters: [{name: data, value: "{{steps.produce.outputs.result}}"}]}}
                - name: produce
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      echo started >&2
                      sleep 1
                      head -c 1048576 /dev/zero | tr '\0' m
                - name: consume
                  inputs: {parameters: [{name: data}]}
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      cat > data.txt <<'END'
                      {{inputs.parameters.data}}
                      END
                      tr -d '\n' < data.txt | wc -c
            """);

        var running = await _engine.WaitUntilAsync(name, v => v.HasNode("produce") && v.Status.Phase == WorkflowPhase.Running);
        Assert.Equal(NodePhase.Running, running.Node("produce").Phase);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("1048576", view.Node("consume").Outputs?.Result?.Trim());
        Assert.Contains("started", await _engine.LogOfAsync(name, "produce"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoThousandNodes_Complete_WithStatusAndLogsReadableWhileTheyRun()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: two-thousand-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: batch, template: batch, withSequence: {count: "40"}, arguments: {parameters: [{name: b, value: "{{item}}"}]}}
                - name: batch
                  inputs: {parameters: [{name: b}]}
                  parallelism: 8
                  steps:
                    - - {name: leaf, template: leaf, withSequence: {count: "48"}, arguments: {parameters: [{name: n, value: "{{inputs.parameters.b}}-{{item}}"}]}}
                - name: leaf
                  inputs: {parameters: [{name: n}]}
                  container: {image: alpine, command: [echo, "leaf {{inputs.parameters.n}}"]}
            """);

        var partway = await _engine.WaitUntilAsync(name, v => v.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded) >= 100);
        Assert.Equal(WorkflowPhase.Running, partway.Status.Phase);
        var finishedLeaf = partway.Status.Nodes.Values.First(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded);
        Assert.Contains("leaf ", await _engine.LogOfAsync(name, finishedLeaf.Name), StringComparison.Ordinal);

        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(view.Status.Nodes.Count >= 2000, $"{view.Status.Nodes.Count} nodes");
        Assert.Equal(1920, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded));
    }

    [Fact]
    public async Task TemplatesInBlobStorage_ResolveASubmission_AndFollowedLogsArriveWhileTheStepRuns()
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var installed = await templates.PutAsync(WorkflowKind.WorkflowTemplate, "argo", """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: ticker}
            spec:
              entrypoint: tick
              templates:
                - name: tick
                  container: {image: alpine, command: [sh, -c, "for i in 1 2 3 4; do echo tick $i; sleep 0.5; done"]}
            """, "ticker.yaml", TemplateService.Write.Create);
        Assert.NotNull(installed.Template);
        Assert.IsType<BlobTemplateStore>(_engine.Services.GetRequiredService<ITemplateStore>());

        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: from-template-}
            spec:
              workflowTemplateRef: {name: ticker}
            """);
        var arrivals = new List<(string Text, bool WorkflowRunning)>();
        await foreach (var line in _engine.Workflows.LogsAsync(name, node: null, follow: true))
        {
            var running = (await _engine.Client.GetInstancesAsync(name))?.IsCompleted == false;
            arrivals.Add((line.Text, running));
        }

        Assert.Equal(["tick 1", "tick 2", "tick 3", "tick 4"], arrivals.Select(a => a.Text).Where(t => t.StartsWith("tick", StringComparison.Ordinal)));
        Assert.True(arrivals.First(a => a.Text == "tick 1").WorkflowRunning, "the first line should arrive while the step still runs");
        Assert.Equal(WorkflowPhase.Succeeded, (await _engine.WaitAsync(name)).Status.Phase);
    }

    [Fact]
    public async Task Stop_RunsTheExitHandler_AndDelete_RemovesHistoryAndEveryBlob()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: stop-delete-}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: main
                  steps:
                    - - {name: nap, template: nap}
                - name: nap
                  container: {image: alpine, command: [sh, -c, "echo napping; sleep 60"]}
                - name: exit
                  container: {image: alpine, command: [echo, "exit saw {{workflow.status}}"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("nap") && v.Node("nap").Phase == NodePhase.Running);
        await _engine.Workflows.StopAsync(name);

        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("exit saw Failed", view.Node($"{name}.onExit").Outputs?.Result);

        await _engine.Workflows.DeleteAsync(name);

        Assert.Null(await _engine.Client.GetInstancesAsync(name));
        await foreach (var left in _engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = name }))
        {
            Assert.Fail($"orchestration {left.InstanceId} is left");
        }

        foreach (var kind in new[] { "nodes", "logs", "outputs" })
        {
            Assert.False(await BlobExistsAsync(kind, name), $"a {kind} blob of {name} is left");
        }
    }

    /// <summary>
    /// A root input of about 37,000 characters is more than a table property takes and less than a queue message, so
    /// the provider's Pending instance reads back with an empty input (WorkflowInputs). Held open here by scheduling the
    /// root an hour ahead: the workflow reads from its tags (as a list shows it), is not retried, and deletes. Before,
    /// each of these threw (and `durango run` of such a workflow crashed: StorageOptionTests).
    /// </summary>
    [Fact]
    public async Task APendingWorkflowWhoseInputTheProviderDoesNotGiveBack_ReadsFromItsTags_AndDeletes()
    {
        var text = MediumInputScenario.Workflow("held-");
        var loaded = Core.Loading.WorkflowLoader.Load(text, "held.yaml").Documents.Single();
        var resolved = Core.Resolution.SpecResolver.Resolve(
            new Core.Resolution.Submission(loaded.Document, "held-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, []),
            new Core.Validation.InMemoryTemplateRegistry([])).Workflow!;
        var input = new Engine.Orchestration.WorkflowRunInput(resolved, text);
        var serialized = Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(input)!;
        Assert.InRange(serialized.Length, 30_721, 44_000);
        await _engine.Client.ScheduleNewOrchestrationInstanceAsync(Engine.DurangoTasks.Workflow, input,
            new Microsoft.DurableTask.StartOrchestrationOptions(resolved.Name) { Tags = Api.Workflows.WorkflowTags.Of(resolved), StartAt = DateTimeOffset.UtcNow.AddHours(1) });
        var raw = await _engine.Client.GetInstancesAsync(resolved.Name, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, raw!.RuntimeStatus);
        Assert.True(string.IsNullOrEmpty(raw.SerializedInput), "the provider now gives this input back: the gap this test holds open is gone");

        var view = await _engine.Workflows.GetAsync(resolved.Name);

        Assert.NotNull(view);
        Assert.Equal(WorkflowPhase.Pending, view.Status.Phase);
        Assert.Equal(resolved.Uid, view.Metadata.Uid);
        Assert.Equal(resolved.Namespace, view.Metadata.Namespace);
        Assert.Equal(Api.Workflows.ControlOutcome.NotRunning, await _engine.Workflows.RetryAsync(resolved.Name));
        Assert.Equal(Api.Workflows.ControlOutcome.Done, await _engine.Workflows.DeleteAsync(resolved.Name));
        Assert.Null(await _engine.Client.GetInstancesAsync(resolved.Name));
    }

    private async Task<bool> BlobExistsAsync(string kind, string? prefix)
    {
        var container = new BlobServiceClient(azurite.Server.ConnectionString).GetBlobContainerClient($"{_hub.ToLowerInvariant()}-{kind}");
        if (!(await container.ExistsAsync()).Value)
        {
            return false;
        }

        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix is null ? null : prefix + "/", CancellationToken.None))
        {
            return true;
        }

        return false;
    }
}
