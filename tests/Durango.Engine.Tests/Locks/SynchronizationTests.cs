using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Testing;

namespace Durango.Engine.Tests.Locks;

/// <summary>
/// Mutexes and semaphores on the real engine (embedded in-memory backend, process runtime), with limits and ConfigMaps
/// from configuration. Holders record their start and end in a file from inside their steps; the tests read the order,
/// never the clock. Waiting is made certain by gates: a holder's step waits for a file the test creates.
/// </summary>
public sealed class SynchronizationTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/var/tmp", "durango-sync-tests", Guid.NewGuid().ToString("N"));
    private EngineHarness? _engine;

    private EngineHarness Engine => _engine!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["ConfigMaps:my-config:template"] = "2",
            ["ConfigMaps:my-config:workflow"] = "1",
            ["ConfigMaps:simple-parameters:msg"] = "hello world",
            ["Durango:Semaphores:one:slot"] = "1",
            ["ConfigMaps:one:slot"] = "5",
            ["Durango:LockCheckInterval"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Upstream's examples/synchronization-*.yaml (not the database ones), with their limits configured.</summary>
    [Theory]
    [InlineData("synchronization-mutex-wf-level.yaml")]
    [InlineData("synchronization-wf-level.yaml")]
    [InlineData("synchronization-tmpl-level.yaml")]
    [InlineData("synchronization-mutex-tmpl-level.yaml")]
    public async Task UpstreamExample_WithLimitsConfigured_Succeeds(string file)
    {
        // The examples sleep 10 to 50 s per step to make the waiting visible; 1 s shows the same, 250 s sooner.
        var yaml = File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, file))
            .Replace("sleep 50;", "sleep 1;", StringComparison.Ordinal)
            .Replace("sleep 20;", "sleep 1;", StringComparison.Ordinal)
            .Replace("sleep 10;", "sleep 1;", StringComparison.Ordinal);

        // Three at once, so that the workflow-level locks are contended too.
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add(await Engine.SubmitAsync(yaml));
        }

        foreach (var name in names)
        {
            var view = await Engine.WaitAsync(name);
            Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, $"{file} {name}: {view.Status.Phase} {view.Status.Message}");
            Assert.Null(view.Status.Synchronization);
        }
    }

    [Fact]
    public async Task SemaphoreOfOne_ManyHoldersInTwoWorkflows_NeverOverlap()
    {
        var record = Path.Combine(_dir, "holders.log");
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: overlap-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: hold
                        template: hold
                        arguments: {parameters: [{name: id, value: "{{workflow.name}}-{{item}}"}]}
                        withSequence: {count: "6"}
                - name: hold
                  inputs: {parameters: [{name: id}]}
                  synchronization:
                    semaphores:
                      - configMapKeyRef: {name: one, key: slot}
                  container:
                    image: alpine
                    command: [sh, -c, "echo start {{inputs.parameters.id}} >> {{{record}}}; sleep 0.2; echo end {{inputs.parameters.id}} >> {{{record}}}"]
            """;
        var first = await Engine.SubmitAsync(yaml);
        var second = await Engine.SubmitAsync(yaml);
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(first)).Status.Phase);
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(second)).Status.Phase);

        // Durango:Semaphores:one:slot (1) wins over ConfigMaps:one:slot (5): every start is followed by its own end.
        var lines = File.ReadAllLines(record);
        Assert.Equal(24, lines.Length);
        for (var i = 0; i < lines.Length; i += 2)
        {
            Assert.StartsWith("start ", lines[i], StringComparison.Ordinal);
            Assert.Equal("end " + lines[i]["start ".Length..], lines[i + 1]);
        }
    }

    [Fact]
    public async Task Waiting_WorkflowLevelMutex_IsPendingWithArgosMessageAndSynchronizationStatus()
    {
        var gate = Path.Combine(_dir, "gate-wf");
        var yaml = Gated("waitwf-", gate, "  synchronization: {mutex: {name: gate-wf}}", templateSync: null);
        var holder = await Engine.SubmitAsync(yaml);
        var holding = await Engine.WaitUntilAsync(holder, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Running);
        var ns = holding.Metadata.Namespace;
        var waiter = await Engine.SubmitAsync(yaml);

        var waiting = await Engine.WaitUntilAsync(waiter, v => v.Status.Phase == WorkflowPhase.Pending && v.Status.Message is not null && v.Status.Synchronization is not null);
        Assert.Equal($"Waiting for {ns}/Mutex/gate-wf lock. Lock status: 0/1", waiting.Status.Message);
        Assert.Equal(new Durango.Engine.Locks.MutexHolding($"{ns}/Mutex/gate-wf", $"{ns}/{holder}"), Assert.Single(waiting.Status.Synchronization!.Mutex!.Waiting!));
        var held = (await Engine.Workflows.GetAsync(holder))!;
        Assert.Equal(new Durango.Engine.Locks.MutexHolding($"{ns}/Mutex/gate-wf", $"{ns}/{holder}"), Assert.Single(held.Status.Synchronization!.Mutex!.Holding!));

        File.WriteAllText(gate, "open");
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(holder)).Status.Phase);
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(waiter)).Status.Phase);
    }

    [Fact]
    public async Task Waiting_TemplateLevelSemaphore_NodeIsPendingWithArgosMessage_StopLeavesTheQueue_TerminateReleases()
    {
        var gate = Path.Combine(_dir, "gate-tmpl");
        var sync = "synchronization: {semaphores: [{configMapKeyRef: {name: my-config, key: workflow}}]}";
        var yaml = Gated("waittmpl-", gate, workflowSync: null, templateSync: sync);
        var holder = await Engine.SubmitAsync(yaml);
        var holding = await Engine.WaitUntilAsync(holder, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Running);
        var ns = holding.Metadata.Namespace;
        var key = $"{ns}/ConfigMap/my-config/workflow";

        var stopped = await Engine.SubmitAsync(yaml);
        var waiting = await Engine.WaitUntilAsync(stopped, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Pending && v.Status.Synchronization is not null);
        Assert.Equal($"Waiting for {key} lock. Lock status: 0/1", waiting.Node("wait").Message);
        var semaphoreWaiting = Assert.Single(waiting.Status.Synchronization!.Semaphore!.Waiting!);
        Assert.Equal(key, semaphoreWaiting.Semaphore);
        Assert.Equal([$"{ns}/{holder}/{holding.Node("wait").Id}"], semaphoreWaiting.Holders);

        // Stop while waiting: the node fails with the stop message and leaves the queue.
        Assert.Equal(ControlOutcome.Done, await Engine.Workflows.StopAsync(stopped));
        var stoppedView = await Engine.WaitAsync(stopped);
        Assert.Equal(WorkflowPhase.Failed, stoppedView.Status.Phase);
        Assert.Equal(NodePhase.Failed, stoppedView.Node("wait").Phase);

        // Terminate the holder (no finally runs): the lock finds its workflow ended and frees the hold.
        var next = await Engine.SubmitAsync(yaml.Replace(gate, gate + "-next", StringComparison.Ordinal));
        await Engine.WaitUntilAsync(next, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Pending);
        Assert.Equal(ControlOutcome.Done, await Engine.Workflows.TerminateAsync(holder));
        await Engine.WaitUntilAsync(next, v => v.Node("wait").Phase == NodePhase.Running);
        File.WriteAllText(gate + "-next", "open");
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(next)).Status.Phase);
    }

    [Fact]
    public async Task StepsTemplateMutex_HeldAroundTheWholeChild_TwoWorkflowsNeverInterleave()
    {
        var record = Path.Combine(_dir, "steps.log");
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: stepslock-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: locked, template: locked}
                - name: locked
                  synchronization: {mutexes: [{name: steps-lock}]}
                  steps:
                    - - {name: first, template: mark, arguments: {parameters: [{name: what, value: first}]}}
                    - - {name: second, template: mark, arguments: {parameters: [{name: what, value: second}]}}
                - name: mark
                  inputs: {parameters: [{name: what}]}
                  container:
                    image: alpine
                    command: [sh, -c, "echo {{workflow.name}} {{inputs.parameters.what}} >> {{{record}}}; sleep 0.2"]
            """;
        var names = new[] { await Engine.SubmitAsync(yaml), await Engine.SubmitAsync(yaml) };
        foreach (var name in names)
        {
            Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(name)).Status.Phase);
        }

        // The steps node holds the mutex for both of its steps: one workflow's pair, then the other's.
        var lines = File.ReadAllLines(record);
        Assert.Equal(4, lines.Length);
        var firstOwner = lines[0].Split(' ')[0];
        var secondOwner = names.Single(n => n != firstOwner);
        Assert.Equal([$"{firstOwner} first", $"{firstOwner} second", $"{secondOwner} first", $"{secondOwner} second"], lines);
    }

    [Fact]
    public async Task FailedHolder_ReleasesTheMutex_AndTheWaiterRuns()
    {
        var gate = Path.Combine(_dir, "gate-fail");
        var failing = $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: failhold-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  synchronization: {mutexes: [{name: fail-lock}]}
                  container: {image: alpine, command: [sh, -c, "while [ ! -f {{gate}} ]; do sleep 0.1; done; exit 3"]}
            """;
        var holder = await Engine.SubmitAsync(failing);
        await Engine.WaitUntilAsync(holder, v => v.HasNode(holder) && v.Node(holder).Phase == NodePhase.Running);
        var waiter = await Engine.SubmitAsync(failing.Replace("exit 3", "exit 0", StringComparison.Ordinal));
        await Engine.WaitUntilAsync(waiter, v => v.HasNode(waiter) && v.Node(waiter).Phase == NodePhase.Pending);

        File.WriteAllText(gate, "open");
        Assert.Equal(WorkflowPhase.Failed, (await Engine.WaitAsync(holder)).Status.Phase);
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(waiter)).Status.Phase);
    }

    [Fact]
    public async Task Semaphore_WithoutConfiguredLimit_ErrorsTheNodeWithWhatToSet()
    {
        var view = await Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: nolimit-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  synchronization: {semaphore: {configMapKeyRef: {name: absent, key: limit}}}
                  container: {image: alpine, command: [echo, never]}
            """);
        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("set Durango:Semaphores:absent:limit or ConfigMaps:absent:limit", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
    }

    /// <summary>Upstream's examples that read parameters from the <c>simple-parameters</c> ConfigMap.</summary>
    [Theory]
    [InlineData("arguments-parameters-from-configmap.yaml")]
    [InlineData("global-parameters-from-configmap.yaml")]
    [InlineData("global-parameters-from-configmap-referenced-as-local-variable.yaml")]
    public async Task ConfigMapParameters_UpstreamExample_ReadsConfiguration(string file)
    {
        var view = await Engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, file)));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    [Fact]
    public async Task ConfigMapParameter_Missing_IsRefusedAtSubmissionWithWhatToSet()
    {
        var outcome = await Engine.Workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: nocm-}
            spec:
              entrypoint: main
              arguments:
                parameters:
                  - name: message
                    valueFrom: {configMapKeyRef: {name: absent, key: msg}}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, "{{workflow.parameters.message}}"]}
            """, "nocm.yaml", []));
        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Contains("failed to set global parameter message from configmap with name absent and key msg", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigMaps:absent:msg", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
    }

    /// <summary>
    /// Upstream <c>workflow/common/util_test.go</c> TestSubstituteConfigMapKeyRefParam: a template input's ConfigMap name
    /// and key are substituted with the globals (plain tags, with a prefix and suffix, and expressions) before the read.
    /// </summary>
    [Fact]
    public async Task ConfigMapParameter_NameAndKeyWithTags_AreSubstitutedFromWorkflowParameters()
    {
        var view = await Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cmtags-}
            spec:
              entrypoint: main
              arguments:
                parameters:
                  - {name: cm, value: parameters}
                  - {name: key, value: MSG}
              templates:
                - name: main
                  inputs:
                    parameters:
                      - name: message
                        valueFrom: {configMapKeyRef: {name: "simple-{{ workflow.parameters.cm }}", key: "{{=lower(workflow.parameters.key)}}"}}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
            """);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    /// <summary>A tag that does not resolve in a ConfigMap reference is refused at submission with upstream's message.</summary>
    [Fact]
    public async Task ConfigMapParameter_UnresolvedTag_IsRefusedWithUpstreamsMessage()
    {
        var outcome = await Engine.Workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cmbad-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  inputs:
                    parameters:
                      - name: message
                        valueFrom: {configMapKeyRef: {name: "prefix-{{ workflow.parameters.bad }}", key: msg}}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
            """, "cmbad.yaml", []));
        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Contains("failed to substitute configMapKeyRef: failed to resolve {{workflow.parameters.bad}}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Lock names with tags: a workflow-level mutex named from a workflow parameter and a template's semaphore whose
    /// ConfigMap name and key come from the globals and its inputs (upstream substitutes the spec with the globals and
    /// takes a template's locks from its processed template). The locks taken are the substituted ones.
    /// </summary>
    [Fact]
    public async Task Synchronization_NamesWithTags_TakeTheSubstitutedLocks()
    {
        var view = await Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: synctags-}
            spec:
              entrypoint: main
              arguments:
                parameters: [{name: lock, value: tagged}, {name: cm, value: my}]
              synchronization: {mutex: {name: "wf-{{workflow.parameters.lock}}"}}
              templates:
                - name: main
                  steps: [[{name: a, template: held, arguments: {parameters: [{name: key, value: template}]}}]]
                - name: held
                  inputs: {parameters: [{name: key}]}
                  synchronization: {semaphore: {configMapKeyRef: {name: "{{workflow.parameters.cm}}-config", key: "{{inputs.parameters.key}}"}}}
                  container: {image: alpine, command: [echo, ok]}
            """);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var key in new[] { "argo/Mutex/wf-tagged", "argo/ConfigMap/my-config/template" })
        {
            var lockInstance = await Engine.Client.GetInstancesAsync(SynchronizationRules.InstanceId(key));
            Assert.NotNull(lockInstance);
        }
    }

    /// <summary>A lock name whose tag does not resolve errors the node, saying which tag.</summary>
    [Fact]
    public async Task Synchronization_UnresolvedTag_ErrorsTheNode()
    {
        var view = await Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: syncbad-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  synchronization: {mutex: {name: "m-{{inputs.parameters.absent}}"}}
                  container: {image: alpine, command: [echo, never]}
            """);
        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("failed to resolve {{inputs.parameters.absent}}", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
    }

    private static string Gated(string prefix, string gate, string? workflowSync, string? templateSync) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{prefix}}}
        spec:
          entrypoint: main
        {{workflowSync ?? string.Empty}}
          templates:
            - name: main
              steps:
                - - {name: wait, template: wait}
            - name: wait
              {{templateSync ?? string.Empty}}
              container: {image: alpine, command: [sh, -c, "while [ ! -f {{gate}} ]; do sleep 0.1; done"]}
        """;
}
