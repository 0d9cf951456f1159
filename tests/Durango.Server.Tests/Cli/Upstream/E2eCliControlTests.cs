using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Ports of test/e2e/cli_test.go (CLISuite)'s <c>stop</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>,
/// <c>node set</c> and <c>logs</c> tests, against a <c>durango serve</c> of this class's own (each test starts with the
/// namespace's workflows deleted, as <see cref="E2eCliTest"/> does).
/// </summary>
public sealed class E2eCliControlTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestWorkflowStop (upstream's smoke/basic.yaml is still starting when it is stopped; here it waits).
    [Fact]
    public async Task Stop_Latest_SaysStopped()
    {
        var name = await RunningAsync(E2eCliFiles.Waiting);

        var run = await serve.DurangoAsync("stop", "@latest");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"workflow {name} stopped", run.Stdout.Trim());
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);
    }

    // Ports TestWorkflowStopDryRun and TestWorkflowTerminateDryRun: the name as given, and the workflow goes on.
    [Theory]
    [InlineData("stop", "basic", "workflow basic stopped (dry-run)")]
    [InlineData("terminate", "@latest", "workflow @latest terminated (dry-run)")]
    public async Task DryRun_SaysWhatWouldHappen(string command, string target, string expected)
    {
        var name = await RunningAsync(E2eCliFiles.Waiting);

        var run = await serve.DurangoAsync(command, "--dry-run", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Stdout.Trim());
        Assert.Equal(WorkflowPhase.Running, (await serve.WaitAsync(name, _ => true)).Status.Phase);
    }

    // Ports TestWorkflowStopBySelector, TestWorkflowStopByFieldSelector, TestWorkflowTerminateBySelector and
    // TestWorkflowTerminateByFieldSelector: the selected workflows are stopped or terminated by name.
    [Theory]
    [InlineData("stop", "--selector", "stopped")]
    [InlineData("stop", "--field-selector", "stopped")]
    [InlineData("terminate", "--selector", "terminated")]
    [InlineData("terminate", "--field-selector", "terminated")]
    public async Task BySelector_ActsOnTheSelected(string command, string option, string done)
    {
        var label = E2eCliFiles.NewLabel();
        var name = await RunningAsync(E2eCliFiles.Waiting, label);

        var run = await serve.DurangoAsync(command, option, option == "--selector" ? label : "metadata.namespace=argo");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"workflow {name} {done}", run.Stdout.Trim());
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);
    }

    // Ports TestWorkflowTerminate.
    [Fact]
    public async Task Terminate_Latest_SaysTerminated()
    {
        var name = await RunningAsync(E2eCliFiles.Waiting);

        var run = await serve.DurangoAsync("terminate", "@latest");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("workflow basic-.* terminated", run.Stdout);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);
    }

    // Ports TestWorkflowSuspendResume (upstream's step sleeps 3 s; here it waits for a file the test makes once the
    // workflow is resumed).
    [Fact]
    public async Task SuspendResume_Latest_Succeeds()
    {
        var go = Path.Combine(Files.Directory, $"go-{Guid.NewGuid():N}");
        var name = await RunningAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: sleep-3s-}
            spec:
              entrypoint: sleep-3s
              templates:
                - name: sleep-3s
                  container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["while [ ! -f {{go}} ]; do sleep 0.1; done"]}
            """);

        var suspend = await serve.DurangoAsync("suspend", "@latest");
        Assert.Equal(0, suspend.ExitCode);
        Assert.Contains("workflow @latest suspended", suspend.Stdout, StringComparison.Ordinal);

        // Upstream's step sleeps 3 s through both commands; here it runs until the resume is done, so the resume
        // always finds a suspended workflow (one that had ended would be answered as it is, as upstream does).
        var resume = await serve.DurangoAsync("resume", "@latest");
        Assert.True(resume.ExitCode == 0, resume.Stderr);
        Assert.Contains("workflow @latest resumed", resume.Stdout, StringComparison.Ordinal);
        await File.WriteAllTextAsync(go, string.Empty);
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(name)).Status.Phase);
    }

    // Ports TestNodeSuspendResume: resume and stop pick suspend nodes by an input parameter; the stopped node fails
    // the workflow.
    [Fact]
    public async Task NodeSuspendResume_ByInputParameter()
    {
        var name = await RunningAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: node-suspend-}
            spec:
              entrypoint: node-suspend
              templates:
                - name: node-suspend
                  steps:
                    - - name: step1
                        template: whalesay
                    - - name: suspend1
                        template: suspend
                        arguments: {parameters: [{name: tag, value: "suspend1-{{steps.step1.outputs.result}}"}]}
                    - - name: suspend2
                        template: suspend
                        arguments: {parameters: [{name: tag, value: "suspend2-{{steps.step1.outputs.result}}"}]}
                - name: whalesay
                  container: {image: argoproj/argosay:v2, args: [echo, tag1]}
                - name: suspend
                  inputs: {parameters: [{name: tag}]}
                  suspend: {}
            """);
        await serve.WaitAsync(name, v => v.HasNode("suspend1") && v.Node("suspend1").Phase == NodePhase.Running);

        var resume = await serve.DurangoAsync("resume", "@latest", "--node-field-selector", "inputs.parameters.tag.value=suspend1-tag1");
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("workflow @latest resumed", resume.Stdout, StringComparison.Ordinal);
        await serve.WaitAsync(name, v => v.HasNode("suspend2") && v.Node("suspend2").Phase == NodePhase.Running);

        var stop = await serve.DurangoAsync("stop", "@latest", "--node-field-selector", "inputs.parameters.tag.value=suspend2-tag1", "--message", "because");
        Assert.Equal(0, stop.ExitCode);
        Assert.Matches("workflow node-suspend-.* stopped", stop.Stdout);
        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Matches("child 'node-suspend-.*' failed", view.Status.Message);
    }

    // Ports TestArgoSetOutputs: a resume before the supplied output is set is refused; `node set` gives the suspend node
    // `approve` its output (the value unquoted, as argo's CLI does), a second set and an output for `approve-no-vars`
    // are refused, `approve` gets a message; the resume ends both nodes, the next step gets the value and the workflow
    // succeeds. Upstream's message ends in "; Resumed by: map[User:...]", the server's user: Durango's keeps the set
    // message (it has no user to name).
    [Fact]
    public async Task NodeSet_OutputParameterAndMessage_ReachTheNextStep()
    {
        var name = await RunningAsync(SuspendFixtures.SetOutputs);
        await serve.WaitAsync(name, SuspendFixtures.BothWaiting);

        var early = await serve.DurangoAsync("resume", "@latest");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("has not been set and does not have a default value", early.Stderr, StringComparison.Ordinal);
        var output = await serve.DurangoAsync("node", "set", "@latest", "--output-parameter", "message=\"Hello, World!\"", "--node-field-selector", "displayName=approve");
        Assert.True(output.ExitCode == 0, output.Stderr);
        Assert.Contains("workflow values set", output.Stdout, StringComparison.Ordinal);
        var again = await serve.DurangoAsync("node", "set", "@latest", "--output-parameter", "message=\"Hello, World!\"", "--node-field-selector", "displayName=approve");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("it was already set", again.Stderr, StringComparison.Ordinal);
        var noVars = await serve.DurangoAsync("node", "set", "@latest", "--output-parameter", "message=\"Hello, World!\"", "--node-field-selector", "displayName=approve-no-vars");
        Assert.Equal(1, noVars.ExitCode);
        Assert.Contains("cannot set output parameters because node is not expecting any raw parameters", noVars.Stderr, StringComparison.Ordinal);
        var message = await serve.DurangoAsync("node", "set", "@latest", "--message", "Test message", "--node-field-selector", "displayName=approve");
        Assert.True(message.ExitCode == 0, message.Stderr);
        Assert.Contains("workflow values set", message.Stdout, StringComparison.Ordinal);
        var resume = await serve.DurangoAsync("resume", "@latest");
        Assert.True(resume.ExitCode == 0, resume.Stderr);
        Assert.Contains("workflow @latest resumed", resume.Stdout, StringComparison.Ordinal);

        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("Hello, World!", view.Node("release").Inputs?.Parameters.Single().Value);
        Assert.Equal("Test message", view.Node("approve").Message);
    }

    // argo's node command: an output parameter not shaped name=value, or no node selector, is a usage error; a workflow
    // that has ended has no node to set, and the server's refusal is printed.
    [Fact]
    public async Task NodeSet_BadParameterOrEndedWorkflow_Fails()
    {
        var usage = await serve.DurangoAsync("node", "set", "@latest", "--output-parameter", "message", "--node-field-selector", "displayName=approve");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("must look like name=value", usage.Stderr, StringComparison.Ordinal);
        var unselected = await serve.DurangoAsync("node", "set", "@latest", "--message", "hi");
        Assert.Equal(2, unselected.ExitCode);
        Assert.Contains("use a node field selector to target them", unselected.Stderr, StringComparison.Ordinal);

        var name = await RunningAsync(E2eCliFiles.Basic);
        await serve.WaitAsync(name);
        var ended = await serve.DurangoAsync("node", "set", name, "--message", "late", "--node-field-selector", "displayName=approve");
        Assert.Equal(1, ended.ExitCode);
        Assert.Contains("has already ended", ended.Stderr, StringComparison.Ordinal);
    }

    // Ports TestLogs (FollowWorkflowLogs, FollowPodLogs, TailLines, Grep, CompletedWorkflow; not ContainerLogs: there is
    // no executor container; not Since and SinceTime: Durango's log lines carry no time to filter on).
    [Fact]
    public async Task Logs_FollowPodTailGrep()
    {
        var name = await RunningAsync(E2eCliFiles.Basic);

        var follow = await serve.DurangoAsync("logs", name, "--follow");
        Assert.Equal(0, follow.ExitCode);
        Assert.Contains(":) Hello Argo!", follow.Stdout, StringComparison.Ordinal);

        var pod = await serve.DurangoAsync("logs", name, name, "--follow");
        Assert.Equal(0, pod.ExitCode);
        Assert.Contains(":) Hello Argo!", pod.Stdout, StringComparison.Ordinal);

        var tail = await serve.DurangoAsync("logs", name, "--tail=0");
        Assert.Equal(0, tail.ExitCode);
        Assert.DoesNotContain(":) Hello Argo!", tail.Stdout, StringComparison.Ordinal);

        var grep = await serve.DurangoAsync("logs", name, "--grep=no");
        Assert.Equal(0, grep.ExitCode);
        Assert.DoesNotContain(":) Hello Argo!", grep.Stdout, StringComparison.Ordinal);

        await serve.WaitAsync(name);
        var completed = await serve.DurangoAsync("logs", name, "--tail=10");
        Assert.Equal(0, completed.ExitCode);
        Assert.Contains(":) Hello Argo!", completed.Stdout, StringComparison.Ordinal);
    }

    // Ports TestLogProblems: five steps' lines come in order, followed and after the end.
    [Fact]
    public async Task LogProblems_LinesInOrder()
    {
        var name = await RunningAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: log-problems-}
            spec:
              entrypoint: plan
              templates:
                - name: plan
                  steps:
                    - - {name: report-1, template: report, arguments: {parameters: [{name: message, value: one}]}}
                    - - {name: report-2, template: report, arguments: {parameters: [{name: message, value: two}]}}
                    - - {name: report-3, template: report, arguments: {parameters: [{name: message, value: three}]}}
                    - - {name: report-4, template: report, arguments: {parameters: [{name: message, value: four}]}}
                    - - {name: report-5, template: report, arguments: {parameters: [{name: message, value: five}]}}
                - name: report
                  inputs: {parameters: [{name: message}]}
                  container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            """);

        foreach (var args in new[] { new[] { "logs", "@latest", "--follow" }, ["logs", "@latest"] })
        {
            var run = await serve.DurangoAsync(args);
            Assert.Equal(0, run.ExitCode);
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, lines.Length);
            Assert.Collection(lines, l => Assert.EndsWith(": one", l), l => Assert.EndsWith(": two", l), l => Assert.EndsWith(": three", l),
                l => Assert.EndsWith(": four", l), l => Assert.EndsWith(": five", l));
            await serve.WaitAsync(name);
        }
    }

    /// <summary>Submits <paramref name="workflow"/> with the CLI and waits until it is Running (or has ended).</summary>
    private async Task<string> RunningAsync(string workflow, string? label = null)
    {
        var name = await SubmitAsync(workflow, label);
        await serve.WaitAsync(name, v => v.Status.Phase != WorkflowPhase.Pending);
        return name;
    }
}
