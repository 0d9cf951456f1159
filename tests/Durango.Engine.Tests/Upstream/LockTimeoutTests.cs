using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// A template's <c>timeout</c> while its node waits for a lock (real engine, in-memory backend, process runtime):
/// upstream's <c>checkTemplateTimeouts</c> (<c>workflow/controller/operator.go</c>) fails a node still Pending past its
/// timeout with <c>timeout</c>, and the node leaves the lock's queue. The locks look for ended holders only every ten
/// minutes here, so a hold leaked to a node that gave up would block the next holder past the test's patience.
/// </summary>
public sealed class LockTimeoutTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/var/tmp", "durango-lock-timeout-tests", Guid.NewGuid().ToString("N"));
    private EngineHarness? _engine;

    private EngineHarness Engine => _engine!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Durango:LockCheckInterval"] = "00:10:00",
            ["Durango:LockIdleTimeout"] = "00:10:00",
        });
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// Ports test/e2e/functional_test.go TestTemplateLevelTimeoutWithForbidden: upstream's three steps can never start
    /// (a memory quota below their request forbids their pods) and fail on their 5, 10 and 15 s timeouts, so the
    /// workflow fails. Here what keeps them Pending is a mutex that another workflow holds throughout (Durango has no
    /// quotas; a lock is upstream's other Pending-without-a-pod case), and the timeouts are 1, 2 and 3 s. Each node
    /// fails with upstream's <c>timeout</c> (ErrTimeout), and none of them holds the mutex afterwards.
    /// </summary>
    [Fact]
    public async Task TemplateLevelTimeoutWithForbidden_StepsWaitingForALockPastTheirTimeout_FailWithTimeout()
    {
        var gate = Path.Combine(_dir, "gate-forbidden");
        var blocker = await Engine.SubmitAsync(Holder("forbidden", gate));
        await Engine.WaitUntilAsync(blocker, v => v.HasNode(blocker) && v.Node(blocker).Phase == NodePhase.Running);

        var view = await Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: steps-tmpl-timeout-
            spec:
              entrypoint: hello-hello-hello
              templates:
              - name: hello-hello-hello
                steps:
                - - name: hello1
                    template: whalesay
                    arguments:
                      parameters: [{name: message, value: "1s"}]
                  - name: hello2a
                    template: whalesay
                    arguments:
                      parameters: [{name: message, value: "2s"}]
                  - name: hello2b
                    template: whalesay
                    arguments:
                      parameters: [{name: message, value: "3s"}]

              - name: whalesay
                synchronization:
                  mutexes: [{name: forbidden}]
                timeout: "{{inputs.parameters.message}}"
                inputs:
                  parameters:
                  - name: message
                container:
                  image: argoproj/argosay:v2
                  args: [sleep, 30s]
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        foreach (var step in new[] { "hello1", "hello2a", "hello2b" })
        {
            var node = view.Node(step);
            Assert.True(node.Phase == NodePhase.Failed && node.Message == ArgoMessages.Timeout, $"{step}: {node.Phase} {node.Message}");
        }

        // The mutex goes from the blocker to the next asker: nobody that timed out holds or waits for it.
        File.WriteAllText(gate, "open");
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(blocker)).Status.Phase);
        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.RunAsync(Holder("forbidden", gate))).Status.Phase);
    }

    /// <summary>A node granted its lock before its timeout runs as usual: the timeout raced with the wait does not fire.</summary>
    [Fact]
    public async Task LockGrantedBeforeTheTimeout_TheNodeRunsAndSucceeds()
    {
        var gate = Path.Combine(_dir, "gate-granted");
        var blocker = await Engine.SubmitAsync(Holder("granted", gate));
        await Engine.WaitUntilAsync(blocker, v => v.HasNode(blocker) && v.Node(blocker).Phase == NodePhase.Running);

        var waiter = await Engine.SubmitAsync(Holder("granted", gate, timeout: "10m"));
        await Engine.WaitUntilAsync(waiter, v => v.HasNode(waiter) && v.Node(waiter).Phase == NodePhase.Pending);
        File.WriteAllText(gate, "open");

        Assert.Equal(WorkflowPhase.Succeeded, (await Engine.WaitAsync(blocker)).Status.Phase);
        var view = await Engine.WaitAsync(waiter);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node(waiter).Phase);
    }

    /// <summary>A workflow whose one step holds mutex <paramref name="mutex"/> until <paramref name="gate"/> exists.</summary>
    private static string Holder(string mutex, string gate, string? timeout = null) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{mutex}}-}
        spec:
          entrypoint: main
          templates:
            - name: main
              synchronization: {mutexes: [{name: {{mutex}}}]}
              {{(timeout is null ? string.Empty : $"timeout: {timeout}")}}
              container: {image: alpine, command: [sh, -c, "while [ ! -f {{gate}} ]; do sleep 0.1; done"]}
        """;
}
