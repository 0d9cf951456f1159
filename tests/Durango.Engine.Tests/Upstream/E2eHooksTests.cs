using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/hooks_test.go (HooksSuite): lifecycle hooks at workflow and template level, run for real on the
/// process runtime. Upstream's <c>/argosay</c> in a shell is the argosay stand-in on the PATH; the assertions are
/// upstream's (workflow phase, progress, hook nodes' phases and flags), with nodes found by a fragment of their name
/// as upstream's <c>strings.Contains(status.Name, ...)</c> does.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eHooksTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    private const string Argosay = """
        - name: argosay
          container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay"]}
        """;

    private const string FailingArgosayAndHook = """
        - name: argosay
          container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay; exit 1"]}
        - name: hook
          container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay"]}
        """;

    // Ports TestWorkflowLevelHooksSuccessVersion.
    [Fact]
    public async Task WorkflowLevelHooksSuccessVersion_RunningAndSucceedHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-}
            spec:
              entrypoint: main
              hooks:
                running: {expression: workflow.status == "Running", template: argosay}
                succeed: {expression: workflow.status == "Succeeded", template: argosay}
              templates:
              - name: main
                steps:
                - - {name: step1, template: argosay}
              {{{Indent(Argosay)}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, ".hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, ".hooks.succeed").Phase);
    }

    // Ports TestWorkflowLevelHooksFailVersion.
    [Fact]
    public async Task WorkflowLevelHooksFailVersion_RunningAndFailedHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-}
            spec:
              entrypoint: main
              hooks:
                running: {expression: workflow.status == "Running", template: hook}
                failed: {expression: workflow.status == "Failed", template: hook}
              templates:
              - name: main
                steps:
                - - {name: step1, template: argosay}
              {{{Indent(FailingArgosayAndHook)}}}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, ".hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, ".hooks.failed").Phase);
    }

    // Ports TestTemplateLevelHooksStepSuccessVersion (upstream leaves step-2's running hook unasserted: flaky there).
    [Fact]
    public async Task TemplateLevelHooksStepSuccessVersion_StepHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: step-1
                    hooks:
                      running: {expression: 'steps["step-1"].status == "Running"', template: argosay}
                      succeed: {expression: 'steps["step-1"].status == "Succeeded"', template: argosay}
                    template: argosay
                - - name: step-2
                    hooks:
                      running: {expression: 'steps["step-2"].status == "Running"', template: argosay}
                      succeed: {expression: 'steps["step-2"].status == "Succeeded"', template: argosay}
                    template: argosay
              {{{Indent(Argosay)}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.succeed").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-2.hooks.succeed").Phase);
    }

    // Ports TestTemplateLevelHooksStepFailVersion.
    [Fact]
    public async Task TemplateLevelHooksStepFailVersion_RunningAndFailedHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: step-1
                    hooks:
                      running: {expression: 'steps["step-1"].status == "Running"', template: hook}
                      failed: {expression: 'steps["step-1"].status == "Failed"', template: hook}
                    template: argosay
              {{{Indent(FailingArgosayAndHook)}}}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.failed").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.running").Phase);
    }

    // Ports TestTemplateLevelHooksDagSuccessVersion (upstream finds step-2's running hook but leaves its phase
    // unasserted: flaky there).
    [Fact]
    public async Task TemplateLevelHooksDagSuccessVersion_TaskHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: step-1
                    hooks:
                      running: {expression: 'tasks["step-1"].status == "Running"', template: argosay}
                      succeed: {expression: 'tasks["step-1"].status == "Succeeded"', template: argosay}
                    template: argosay
                  - name: step-2
                    hooks:
                      running: {expression: 'tasks["step-2"].status == "Running"', template: argosay}
                      succeed: {expression: 'tasks["step-2"].status == "Succeeded"', template: argosay}
                    template: argosay
                    dependencies: [step-1]
              {{{Indent(Argosay)}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.succeed").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-2.hooks.succeed").Phase);
        NodeContaining(view, "step-2.hooks.running");
    }

    // Ports TestTemplateLevelHooksDagFailVersion.
    [Fact]
    public async Task TemplateLevelHooksDagFailVersion_RunningAndFailedHooksSucceed()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: step-1
                    hooks:
                      running: {expression: 'tasks["step-1"].status == "Running"', template: hook}
                      failed: {expression: 'tasks["step-1"].status == "Failed"', template: hook}
                    template: argosay
              {{{Indent(FailingArgosayAndHook)}}}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.failed").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "step-1.hooks.running").Phase);
    }

    // Ports TestTemplateLevelHooksDagHasDependencyVersion: A fails, so B (depends on A) is Omitted and its hooks never
    // trigger; progress counts A and A's running hook: 1/2.
    [Fact]
    public async Task TemplateLevelHooksDagHasDependencyVersion_DependentOmitted_NoUnneededHooks()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              templates:
              - name: main
                dag:
                  tasks:
                  - name: A
                    template: fail
                    hooks:
                      running: {template: hook, expression: tasks.A.status == "Running"}
                      success: {template: hook, expression: tasks.A.status == "Succeeded"}
                  - name: B
                    template: success
                    dependencies: [A]
                    hooks:
                      running: {template: hook, expression: tasks.B.status == "Running"}
                      success: {template: hook, expression: tasks.B.status == "Succeeded"}
              - name: success
                container: {name: '', image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay; exit 0"]}
              - name: fail
                container: {name: '', image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay; exit 1"]}
              - name: hook
                container: {name: '', image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay"]}
              entrypoint: main
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("1/2", view.Status.Progress);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "A.hooks.running").Phase);
        Assert.Equal(NodePhase.Omitted, view.Node("B").Phase);
        Assert.DoesNotContain(view.Status.Nodes.Values, n => n.Name.Contains("B.hooks", StringComparison.Ordinal));
    }

    // Ports TestWorkflowLevelHooksWaitForTriggeredHook: the workflow waits for its running hook (2/2); the failed hook
    // never triggers and is not waited for.
    [Fact]
    public async Task WorkflowLevelHooksWaitForTriggeredHook_Progress2Of2()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-}
            spec:
              entrypoint: main
              hooks:
                running: {expression: workflow.status == "Running", template: argosay-sleep-2seconds}
                failed: {expression: workflow.status == "Failed", template: argosay-sleep-2seconds}
              templates:
              - name: main
                steps:
                - - {name: step1, template: argosay}
              - name: argosay
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; argosay"]}
              - name: argosay-sleep-2seconds
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 2; argosay"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("2/2", view.Status.Progress);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, ".hooks.running").Phase);
    }

    // Ports TestTemplateLevelHooksWaitForTriggeredHook.
    [Fact]
    public async Task TemplateLevelHooksWaitForTriggeredHook_Progress2Of2()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: example-steps}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: job
                    template: argosay
                    hooks:
                      running: {expression: "steps['job'].status == \"Running\"", template: argosay-sleep-2seconds}
                      failed: {expression: "steps['job'].status == \"Failed\"", template: argosay-sleep-2seconds}
              - name: argosay
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 5; argosay"]}
              - name: argosay-sleep-2seconds
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 2; argosay"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("2/2", view.Status.Progress);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "job.hooks.running").Phase);
    }

    // Ports TestTemplateLevelHooksWaitForTriggeredHookAndRespectSynchronization (upstream issue 11117): both hooks
    // take one mutex in turn and the workflow waits for both: 3/3. The mutex is named for this test, not `job`, as
    // the engine is shared.
    [Fact]
    public async Task TemplateLevelHooksWaitForTriggeredHookAndRespectSynchronization_Progress3Of3()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: example-steps-simple-mutex}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: job
                    template: exit0
                    hooks:
                      running: {expression: "steps['job'].status == \"Running\"", template: sleep}
                      succeed: {expression: "steps['job'].status == \"Succeeded\"", template: sleep}
              - name: sleep
                synchronization:
                  mutexes:
                  - name: e2e-hooks-job
                container: {image: argoproj/argosay:v2, args: [sleep, "4"]}
              - name: exit0
                container: {image: argoproj/argosay:v2, args: [sleep, "2"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("3/3", view.Status.Progress);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "job.hooks.running").Phase);
        Assert.Equal(NodePhase.Succeeded, NodeContaining(view, "job.hooks.succeed").Phase);
    }

    // Ports TestWorkflowLevelHooksWithRetry: the entry template retries once and fails; the workflow's running and
    // failed hooks run once each, flagged Hooked not Retried; the retry node has no flag, its attempts are Retried.
    [Fact]
    public async Task WorkflowLevelHooksWithRetry_HooksFlaggedHooked_AttemptsRetried()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-workflow-level-hooks-with-retry-}
            spec:
              templates:
              - name: argosay
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: ["sleep 1; exit 1"]}
                retryStrategy: {limit: 1}
              - name: hook
                container: {image: argoproj/argosay:v2, command: [/bin/sh, -c], args: [argosay]}
              entrypoint: argosay
              hooks:
                failed: {template: hook, expression: workflow.status == "Failed"}
                running: {template: hook, expression: workflow.status == "Running"}
            """);

        var name = view.Metadata.Name;
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("2/4", view.Status.Progress);
        foreach (var hook in new[] { $"{name}.hooks.running", $"{name}.hooks.failed" })
        {
            var node = view.Node(hook);
            Assert.Equal(NodePhase.Succeeded, node.Phase);
            Assert.True(node.NodeFlag?.Hooked);
            Assert.False(node.NodeFlag?.Retried);
        }

        var retry = view.Node(name);
        Assert.Equal(NodePhase.Failed, retry.Phase);
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Null(retry.NodeFlag);
        foreach (var attempt in new[] { $"{name}(0)", $"{name}(1)" })
        {
            var node = view.Node(attempt);
            Assert.Equal(NodePhase.Failed, node.Phase);
            Assert.False(node.NodeFlag?.Hooked);
            Assert.True(node.NodeFlag?.Retried);
        }
    }

    // Ports TestTemplateLevelHooksWithRetry (retries-with-hooks-and-artifact): a step that succeeds on its third
    // attempt, with started/success/failed hooks, and a next step reading its artifact. The retry node Succeeds; its
    // children are the attempts and the triggered hooks; the hooks are flagged, the attempts not. The artifact is
    // written under /tmp (the process step's private /tmp) instead of the image's root.
    [Fact]
    public async Task TemplateLevelHooksWithRetry_HooksAreChildrenOfTheRetryNode_ArtifactPasses()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retries-with-hooks-and-artifact-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: build
                    template: output-artifact
                    hooks:
                      started: {expression: 'steps["build"].status == "Running"', template: started}
                      success: {expression: 'steps["build"].status == "Succeeded"', template: success}
                      failed: {expression: 'steps["build"].status == "Failed" || steps["build"].status == "Error"', template: failed}
                - - name: print
                    template: print-artifact
                    arguments:
                      artifacts:
                      - {name: message, from: "{{steps.build.outputs.artifacts.result}}"}
              - name: output-artifact
                script:
                  image: argoproj/argosay:v2
                  command: [/bin/sh]
                  source: |
                    sleep 1
                    echo 'Welcome' > /tmp/result.txt
                    [ "{{retries}}" = "2" ]
                retryStrategy: {limit: 2}
                outputs:
                  artifacts:
                  - {name: result, path: /tmp/result.txt}
              - name: started
                container: {image: argoproj/argosay:v2, args: [echo, STARTED!]}
              - name: success
                container: {image: argoproj/argosay:v2, args: [echo, SUCCEEDED!]}
              - name: failed
                container: {image: argoproj/argosay:v2, args: [echo, FAILED or ERROR!]}
              - name: print-artifact
                inputs:
                  artifacts:
                  - {name: message, path: /tmp/message}
                container: {image: argoproj/argosay:v2, args: [cat, /tmp/message]}
            """);

        var name = view.Metadata.Name;
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var retry = Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Retry);
        Assert.Equal(NodePhase.Succeeded, retry.Phase);
        var first = view.Node($"{name}[0].build(0)");
        Assert.Contains(first.Id, retry.Children);
        Assert.False(first.NodeFlag?.Hooked ?? false);
        foreach (var hook in new[] { $"{name}[0].build.hooks.started", $"{name}[0].build.hooks.success" })
        {
            var node = view.Node(hook);
            Assert.Contains(node.Id, retry.Children);
            Assert.True(node.NodeFlag?.Hooked);
            Assert.Equal(NodePhase.Succeeded, node.Phase);
        }

        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}[1].print").Phase);
    }

    // Ports TestExitHandlerWithWorkflowLevelDeadline: the workflow's 1 s deadline fails it, and its exit handler
    // (steps sleeping past the deadline) still runs to Success, flagged Hooked. The handler sleeps 2 s, not 5.
    [Fact]
    public async Task ExitHandlerWithWorkflowLevelDeadline_HandlerSucceedsAfterTheDeadline()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handler-with-workflow-level-deadline-}
            spec:
              entrypoint: main
              activeDeadlineSeconds: 1
              hooks:
                exit: {template: exit-handler}
              templates:
              - name: main
                steps:
                - - {name: sleep, template: sleep}
              - name: exit-handler
                steps:
                - - {name: sleep, template: sleep-short}
              - name: sleep
                container: {image: argoproj/argosay:v2, args: [sleep, "5"]}
              - name: sleep-short
                container: {image: argoproj/argosay:v2, args: [sleep, "2"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var onExit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.True(onExit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, onExit.Phase);
    }

    // Ports TestHttpExitHandlerWithWorkflowLevelDeadline: the same with an HTTP exit handler; upstream's httpbin is a
    // loopback server here.
    [Fact]
    public async Task HttpExitHandlerWithWorkflowLevelDeadline_HandlerSucceedsAfterTheDeadline()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("{}"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-exit-handler-with-workflow-level-deadline-}
            spec:
              entrypoint: main
              activeDeadlineSeconds: 1
              hooks:
                exit: {template: exit-handler}
              templates:
              - name: main
                steps:
                - - {name: sleep, template: sleep}
              - name: sleep
                container: {image: argoproj/argosay:v2, args: [sleep, "5"]}
              - name: exit-handler
                steps:
                - - {name: http, template: http}
              - name: http
                http: {url: "{{{server.BaseUrl}}}/get"}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var onExit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.True(onExit.NodeFlag?.Hooked);
        Assert.Equal(NodePhase.Succeeded, onExit.Phase);
    }

    private static Api.Workflows.NodeView NodeContaining(Api.Workflows.WorkflowView view, string fragment)
    {
        var matches = view.Status.Nodes.Values.Where(n => n.Name.Contains(fragment, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new KeyNotFoundException($"{matches.Count} nodes contain '{fragment}'; nodes: {string.Join(", ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase}"))}");
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select((l, i) => i == 0 ? l : "  " + l));
}
