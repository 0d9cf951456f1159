using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/semaphore_test.go (SemaphoreSuite) with the workflows of test/e2e/synchronization. Upstream
/// creates the <c>my-config</c> ConfigMap with a different limit per test, so each test starts its own engine with
/// that limit as configuration (<c>ConfigMaps:my-config:&lt;key&gt;</c>). Where upstream relies on a 2 s sleep to
/// catch a workflow waiting, the holder here waits for a gate file the test creates, so the waiting is certain.
/// </summary>
public sealed class E2eSemaphoreTests : IDisposable
{
    private readonly string _dir = Path.Combine("/var/tmp", "durango-e2e-sem", Guid.NewGuid().ToString("N"));

    public E2eSemaphoreTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Ports TestSynchronizationWfLevelMutex (mutex-wf-level-1.yaml, then mutex-wf-level.yaml): the second workflow
    // waits on mutex `test` (ToBeWaitingOnAMutex), then succeeds.
    [Fact]
    public async Task SynchronizationWfLevelMutex_SecondWorkflowWaitsThenSucceeds()
    {
        await using var engine = await StartAsync();
        var gate = Path.Combine(_dir, "gate");
        var first = await engine.SubmitAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wf-level-mutex-1-}
            spec:
              entrypoint: main
              synchronization:
                mutexes:
                  - name: test
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2, command: [sh, -c, "while [ ! -f {{gate}} ]; do sleep 0.1; done"]}
            """);
        await engine.WaitUntilAsync(first, v => v.HasNode(first) && v.Node(first).Phase == NodePhase.Running);
        var second = await engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wf-level-mutex-}
            spec:
              entrypoint: main
              synchronization:
                mutexes:
                  - name: test
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2, args: [sleep, 1s]}
            """);

        var waiting = await engine.WaitUntilAsync(second, v => v.Status.Synchronization?.Mutex is not null);
        Assert.Equal(WorkflowPhase.Pending, waiting.Status.Phase);
        Assert.Equal($"{waiting.Metadata.Namespace}/Mutex/test", Assert.Single(waiting.Status.Synchronization!.Mutex!.Waiting!).Mutex);

        File.WriteAllText(gate, "open");
        Assert.Equal(WorkflowPhase.Succeeded, (await engine.WaitAsync(first)).Status.Phase);
        var done = await engine.WaitAsync(second);
        Assert.Equal(WorkflowPhase.Succeeded, done.Status.Phase);
        Assert.Null(done.Status.Synchronization);
    }

    // Ports TestTemplateLevelMutex (mutex-tmpl-level.yaml): two items on mutex `welcome` and two on mutex `test` in
    // one step group; one of each pair waits (ToBeWaitingOnAMutex), then all succeed.
    [Fact]
    public async Task TemplateLevelMutex_OneOfEachPairWaitsThenAllSucceed()
    {
        await using var engine = await StartAsync();
        var gate = Path.Combine(_dir, "gate");
        var hold = $"command: [sh, -c, \"while [ ! -f {gate} ]; do sleep 0.1; done\"]";
        var name = await engine.SubmitAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: tmpl-level-mutex-}
            spec:
              entrypoint: synchronization-tmpl-level-example-mutex
              templates:
              - name: synchronization-tmpl-level-example-mutex
                steps:
                - - name: synchronization-acquire-lock
                    template: acquire-lock
                    arguments: {parameters: [{name: seconds, value: "{{item}}"}]}
                    withParam: '["1","2"]'
                  - name: synchronization-acquire-lock-1
                    template: acquire-lock-1
                    arguments: {parameters: [{name: seconds, value: "{{item}}"}]}
                    withParam: '["1","2"]'
              - name: acquire-lock
                synchronization:
                  mutexes:
                    - name: welcome
                container: {image: argoproj/argosay:v2, {{{hold}}} }
              - name: acquire-lock-1
                synchronization:
                  mutexes:
                    - name: test
                container: {image: argoproj/argosay:v2, {{{hold}}} }
            """);

        var waiting = await engine.WaitUntilAsync(name, v => v.Status.Synchronization?.Mutex?.Waiting is { Count: 2 });
        var ns = waiting.Metadata.Namespace;
        Assert.Equal([$"{ns}/Mutex/test", $"{ns}/Mutex/welcome"], waiting.Status.Synchronization!.Mutex!.Waiting!.Select(w => w.Mutex).Order(StringComparer.Ordinal));

        File.WriteAllText(gate, "open");
        var done = await engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, done.Status.Phase);
        Assert.Equal(4, done.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded));
    }

    // Ports TestWorkflowLevelSemaphore (semaphore-wf-level.yaml) with my-config/workflow = 1: the workflow succeeds.
    [Fact]
    public async Task WorkflowLevelSemaphore_Succeeds()
    {
        await using var engine = await StartAsync(("workflow", "1"));
        var view = await engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: semaphore-wf-level-}
            spec:
              entrypoint: whalesay
              synchronization:
                semaphores:
                  - configMapKeyRef: {name: my-config, key: workflow}
              templates:
              - name: whalesay
                container: {image: argoproj/argosay:v2}
            """);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Null(view.Status.Synchronization);
    }

    // Ports TestTemplateLevelSemaphore (semaphore-tmpl-level.yaml) with my-config/template = 1: while the workflow
    // runs, one item waits; the workflow then ends (upstream waits for any end; it succeeds).
    [Fact]
    public async Task TemplateLevelSemaphore_ANodeIsWaiting_ThenSucceeds()
    {
        await using var engine = await StartAsync(("template", "1"));
        var gate = Path.Combine(_dir, "gate");
        var name = await engine.SubmitAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: semaphore-tmpl-level-}
            spec:
              entrypoint: semaphore-tmpl-level-example
              templates:
              - name: semaphore-tmpl-level-example
                steps:
                - - name: sleep
                    template: sleep-n-sec
                    arguments: {parameters: [{name: seconds, value: "{{item}}"}]}
                    withItems: [hello, goodbye]
              - name: sleep-n-sec
                inputs: {parameters: [{name: seconds}]}
                synchronization:
                  semaphores:
                    - configMapKeyRef: {name: my-config, key: template}
                container: {image: argoproj/argosay:v2, command: [sh, -c, "while [ ! -f {{{gate}}} ]; do sleep 0.1; done"]}
            """);

        var waiting = await engine.WaitUntilAsync(name, v => v.Status.Synchronization?.Semaphore?.Waiting is { Count: > 0 });
        Assert.Equal(WorkflowPhase.Running, waiting.Status.Phase);

        // Difference: upstream also shows the waiting item as a Pending node whose message contains "Waiting for";
        // when Durango's status lists the waiter, the waiting item's node has not been written yet, so this port
        // waits on the workflow's synchronization status (upstream's ToBeWaitingOnASemaphore) instead.

        File.WriteAllText(gate, "open");
        Assert.Equal(WorkflowPhase.Succeeded, (await engine.WaitAsync(name)).Status.Phase);
    }

    // Ports TestSynchronizationTmplLevelMutexAndSemaphore (tmpl-level-mutex-semaphore.yaml) with my-config/workflow = 1.
    [Fact]
    public async Task SynchronizationTmplLevelMutexAndSemaphore_Succeeds()
    {
        await using var engine = await StartAsync(("workflow", "1"));
        var view = await engine.RunAsync(TwoCommands("tmpl-level-", "mutexes: [{name: task-1}]", "mutexes: [{name: task-1}, {name: task-2}]"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(4, view.Status.Nodes.Count);
    }

    // Ports TestSynchronizationMultiple (multiple.yaml) with my-config/workflow = 2: several mutexes and a semaphore
    // on each template.
    [Fact]
    public async Task SynchronizationMultiple_Succeeds()
    {
        await using var engine = await StartAsync(("workflow", "2"));
        var view = await engine.RunAsync(TwoCommands("multiple-", "mutexes: [{name: load-1}, {name: load-2}]", "mutexes: [{name: django-1}, {name: django-2}]"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(4, view.Status.Nodes.Count);
    }

    /// <summary>The workflow of tmpl-level-mutex-semaphore.yaml and multiple.yaml: two parallel steps with their own locks.</summary>
    private static string TwoCommands(string prefix, string loadMutexes, string djangoMutexes)
    {
        var loadSemaphore = prefix == "multiple-" ? "semaphores: [{configMapKeyRef: {name: my-config, key: workflow}}]" : string.Empty;
        return $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: {{{prefix}}} }
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: task-1, template: django-command}
                      - {name: task-2, template: load-command}
                - name: load-command
                  synchronization:
                    {{{loadMutexes}}}
                    {{{loadSemaphore}}}
                  container: {image: argoproj/argosay:v2, args: [sleep, 1s]}
                - name: django-command
                  synchronization:
                    {{{djangoMutexes}}}
                    semaphores: [{configMapKeyRef: {name: my-config, key: workflow}}]
                  container: {image: argoproj/argosay:v2, args: [sleep, 1s]}
            """;
    }

    private static Task<EngineHarness> StartAsync(params (string Key, string Value)[] myConfig) =>
        EngineHarness.StartAsync(myConfig.ToDictionary(c => $"ConfigMaps:my-config:{c.Key}", c => (string?)c.Value));
}
