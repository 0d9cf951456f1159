using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// What a process-runtime step can see of its host (its own PID namespace and <c>/proc</c>), and that a stop
/// reaches a running step through durable state alone, without this host's registry of running leaves.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class IsolationTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task ProcessStep_ListsProc_SeesOnlyItselfAndNotTheHost()
    {
        var host = Environment.ProcessId;
        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: proc-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: alpine
                    command: [sh, -c, 'echo "me=$$"; ls /proc | grep -E "^[0-9]+$" | wc -l; cat /proc/{{host}}/environ 2>/dev/null || echo "host hidden"']
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var lines = view.Node(view.Metadata.Name).Outputs!.Result!.Split('\n');
        Assert.Equal("me=1", lines[0]);
        Assert.InRange(int.Parse(lines[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), 1, 5);
        Assert.Equal("host hidden", lines[2]);
    }

    [Fact]
    public async Task ProcessStep_PrintsItsSecretInBase64_LogAndResultRedacted()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: b64-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: alpine
                    command: [sh, -c, 'printf %s "$TOKEN" | base64; printf "user:%s" "$TOKEN" | base64 | tr "+/" "-_"']
                    env:
                      - {name: TOKEN, valueFrom: {secretKeyRef: {name: test-secret, key: token}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(EngineFixture.SecretValue));
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.DoesNotContain(encoded.TrimEnd('=')[..16], log, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded.TrimEnd('=')[..16], view.Node(view.Metadata.Name).Outputs!.Result!, StringComparison.Ordinal);
        Assert.Contains("***", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_RaisedOnlyAsADurableEvent_EndsTheRunningStepAndRunsTheExitHandler()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: remote-stop-}
            spec:
              entrypoint: main
              onExit: report
              templates:
                - name: main
                  steps:
                    - - {name: long, template: long}
                - name: long
                  container: {image: alpine, command: [sleep, "311"]}
                - name: report
                  container: {image: alpine, command: [echo, "{{workflow.status}}"]}
            """);
        await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "311"), "the step's process");

        // What another host's API does: only the durable event; this host's registry of running leaves is not told.
        await _engine.Client.RaiseEventAsync(name, ControlSignal.EventName, new ControlSignal(ControlKind.Stop, ArgoMessages.Stopped));

        await Eventually.HoldsAsync(() => !HostProcesses.Running("sleep", "311"), "the step's process to end");
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.Stopped, view.Node("long").Message);
        Assert.Equal("Failed", view.Node($"{name}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task Terminate_RecordedInTheNodeStoreByAnotherHost_EndsTheRunningStep()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: remote-terminate-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: long, template: long}
                - name: long
                  container: {image: alpine, command: [sleep, "313"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("long") && v.Node("long").Phase == NodePhase.Running);
        await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "313"), "the step's process");

        // What terminate on another host writes: every unfinished node Failed. Nothing else tells this host.
        var nodes = _engine.Services.GetRequiredService<INodeStore>();
        var running = await nodes.ReadAsync(name);
        await nodes.WriteAsync(name, running.Values.Select(n => n with { Phase = NodePhase.Failed, Message = ArgoMessages.Terminated }).ToList());

        await Eventually.HoldsAsync(() => !HostProcesses.Running("sleep", "313"), "the step's process to end");
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.Terminated, view.Node("long").Message);
    }
}
