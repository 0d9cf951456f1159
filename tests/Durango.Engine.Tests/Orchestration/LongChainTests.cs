using System.Text;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// What keeps a long workflow linear (issue 12): orchestration inputs carry the workflow by reference and a chain's
/// scope only the step variables its template names, so an input at step 2,000 is as small as at step 20, and a
/// 10,000-step chain runs in bounded memory. Sizes and bytes are asserted, never times.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LongChainTests(EngineFixture fixture)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(20);

    private readonly EngineHarness _engine = fixture.Engine;

    /// <summary>
    /// A chain of <paramref name="steps"/> one-step groups; the last reads the first's output, so it is carried all the
    /// way. Named <paramref name="name"/> when given, else generated.
    /// </summary>
    private static string Chain(int steps, string? name = null)
    {
        var yaml = new StringBuilder($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {{(name is null ? "{generateName: chain-}" : $"{{name: {name}}}")}}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: s0, template: say}

            """);
        for (var i = 1; i < steps - 1; i++)
        {
            yaml.Append("        - - {name: s").Append(i).Append(", template: nothing}\n");
        }

        yaml.Append("""
                    - - name: last
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.s0.outputs.result}}"}]}
                - name: say
                  container: {image: alpine, command: [echo, first]}
                - name: nothing
                  container: {image: alpine, command: ["true"]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}

            """);
        return yaml.ToString();
    }

    private static async Task<WorkflowPhase> WaitLongAsync(EngineHarness engine, string name)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        await engine.Client.WaitForInstanceCompletionAsync(name, guard.Token);
        return (await engine.Workflows.GetAsync(name, guard.Token))!.Status.Phase;
    }

    [Fact]
    public async Task StepsInput_AtStep2000_StaysUnder8KbAndCarriesTheNamedOutput()
    {
        var name = await _engine.SubmitAsync(Chain(2_000));

        Assert.Equal(WorkflowPhase.Succeeded, await WaitLongAsync(_engine, name));

        // The entrypoint's orchestration, in its last execution: it continued as new at group 1,980.
        var steps = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(name, name), getInputsAndOutputs: true);
        var input = steps!.SerializedInput!;
        Assert.True(input.Length < 8 * 1024, $"the steps orchestration's input at step 2,000 is {input.Length} chars");
        Assert.Contains("steps.s0.outputs.result", input, StringComparison.Ordinal);
        Assert.DoesNotContain("steps.s1.", input, StringComparison.Ordinal);
        Assert.DoesNotContain("\"templates\"", input, StringComparison.OrdinalIgnoreCase);
        var view = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal("first", view.Node("last").Outputs?.Result);
    }

    /// <summary>
    /// A DAG chain of 1,000 tasks carries, from one execution to the next, a character per task for its state and the
    /// outbound nodes only of the tasks a later task or the end still hangs from: the input stays small, where
    /// carrying every settled task's result made it 500 KB, and each continuation on Azure Storage slower the longer
    /// the chain.
    /// </summary>
    [Fact]
    public async Task DagInput_AtTask1000_StaysUnder8KbAndCarriesOnlyTheOutboundNodesStillRead()
    {
        var yaml = new StringBuilder("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-long-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: t0, template: nothing}

            """);
        for (var i = 1; i < 1_000; i++)
        {
            yaml.Append("          - {name: t").Append(i).Append(", template: nothing, dependencies: [t").Append(i - 1).Append("]}\n");
        }

        yaml.Append("""
                - name: nothing
                  container: {image: alpine, command: ["true"]}

            """);
        var name = await _engine.SubmitAsync(yaml.ToString());

        Assert.Equal(WorkflowPhase.Succeeded, await WaitLongAsync(_engine, name));
        var dag = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(name, name), getInputsAndOutputs: true);
        var input = dag!.SerializedInput!;
        Assert.True(input.Length < 8 * 1024, $"the DAG orchestration's input at task 1,000 is {input.Length} chars");
        Assert.Contains("\"dagProgress\":{", input, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(NodeIds.NodeId(name, $"{name}.t500"), input, StringComparison.Ordinal);
        var view = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal("1000/1000", view.Status.Progress);
        Assert.Equal([view.Node("t999").Id], view.Node(name).OutboundNodes);
    }

    /// <summary>
    /// A DAG chain of 40 tasks continues as new every few tasks, when none runs (DagProgress): the last execution carries
    /// each settled task's state, and the variables only of the task the template names (t0), yet a task that depends
    /// on t0 and reads its output, an omitted task, the graph's links and the DAG's output come out as in one execution.
    /// </summary>
    [Fact]
    public async Task DagChain_ContinuesAsNew_CarryingStatesAndOnlyTheNamedVariables()
    {
        var yaml = new StringBuilder("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-chain-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  outputs: {parameters: [{name: out, valueFrom: {parameter: "{{tasks.last.outputs.result}}"}}]}
                  dag:
                    tasks:
                      - {name: t0, template: say}
                      - {name: skipped, template: nothing, depends: t0.Failed}

            """);
        for (var i = 1; i < 39; i++)
        {
            yaml.Append("          - {name: t").Append(i).Append(", template: nothing, dependencies: [t").Append(i - 1).Append("]}\n");
        }

        yaml.Append("""
                      - name: last
                        template: echo
                        depends: "t38 && t0.Succeeded"
                        arguments: {parameters: [{name: text, value: "{{tasks.t0.outputs.result}}"}]}
                - name: say
                  container: {image: alpine, command: [echo, first]}
                - name: nothing
                  container: {image: alpine, command: ["true"]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}

            """);
        var name = await _engine.SubmitAsync(yaml.ToString());

        Assert.Equal(WorkflowPhase.Succeeded, await WaitLongAsync(_engine, name));
        var view = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal("first", view.Node("last").Outputs?.Result);
        Assert.Equal(NodePhase.Omitted, view.Node("skipped").Phase);
        Assert.Equal("first", view.Node(name).Outputs?.Parameters?.Single(p => p.Name == "out").Value);
        Assert.Equal([view.Node("t21").Id], view.Node("t20").Children);
        Assert.Equal([view.Node("last").Id], view.Node("t38").Children);
        Assert.Equal(new[] { view.Node("last").Id, view.Node("skipped").Id }.Order(), view.Node(name).OutboundNodes!.Order());
        Assert.Equal("40/40", view.Status.Progress);

        // The DAG's orchestration, in its last execution: it continued as new on the way.
        var dag = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(name, name), getInputsAndOutputs: true);
        var input = dag!.SerializedInput!;
        Assert.Contains("\"dagProgress\":{", input, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("tasks.t0.outputs.result", input, StringComparison.Ordinal);
        Assert.DoesNotContain("tasks.t5.", input, StringComparison.Ordinal);
    }

    /// <summary>
    /// A DAG of <paramref name="tasks"/> independent <c>true</c> tasks, two at a time, so one always runs; with a
    /// <paramref name="gate"/>, a first task <c>long</c> runs until that file exists.
    /// </summary>
    private static string WideDag(int tasks, string? gate = null)
    {
        var yaml = new StringBuilder("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: wide-dag-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  parallelism: 2
                  dag:
                    tasks:

            """);
        if (gate is not null)
        {
            yaml.Append("          - {name: long, template: wait}\n");
        }

        for (var i = 0; i < tasks; i++)
        {
            yaml.Append("          - {name: t").Append(i).Append(", template: nothing}\n");
        }

        yaml.Append("    - name: nothing\n      container: {image: alpine, command: [\"true\"]}\n");
        yaml.Append("    - name: wait\n      container: {image: alpine, command: [sh, -c, \"while [ ! -f ").Append(gate).Append(" ]; do sleep 0.05; done\"]}\n");
        return yaml.ToString();
    }

    /// <summary>
    /// A DAG whose tasks never all stop running (a <c>parallelism</c> limit starts the next as one ends) still continues
    /// as new: past <see cref="DagExecution.DrainAfter"/> settled tasks it lets the running ones end first. Before, it
    /// never did, and its history grew with every task.
    /// </summary>
    [Fact]
    public async Task WideDag_WithATaskAlwaysRunning_DrainsAndContinuesAsNew()
    {
        var tasks = DagExecution.DrainAfter + 10;
        var name = await _engine.SubmitAsync(WideDag(tasks));

        Assert.Equal(WorkflowPhase.Succeeded, await WaitLongAsync(_engine, name));
        var view = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal($"{tasks}/{tasks}", view.Status.Progress);
        Assert.All(Enumerable.Range(0, tasks), i => Assert.Equal(NodePhase.Succeeded, view.Node($"t{i}").Phase));
        var dag = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(name, name), getInputsAndOutputs: true);
        Assert.Contains("\"dagProgress\":{", dag!.SerializedInput!, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A drain does not wait for a task that outlasts <see cref="DagExecution.DrainPatience"/>: beside a task that runs
    /// until the test opens its gate, every other task starts and ends. A drain that waited for it would hold them
    /// back until the gate opened, which it never would.
    /// </summary>
    [Fact]
    public async Task WideDag_ALongTaskOutlastsTheDrain_TheOthersGoOnWithoutIt()
    {
        var directory = Path.Combine("/var/tmp", "durango-drain-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var gate = Path.Combine(directory, "gate");
            var tasks = DagExecution.DrainAfter + 10;
            var name = await _engine.SubmitAsync(WideDag(tasks, gate));

            var others = await _engine.WaitUntilAsync(name, v => Enumerable.Range(0, tasks).All(i => v.HasNode($"t{i}") && v.Node($"t{i}").Phase == NodePhase.Succeeded));
            Assert.Equal(NodePhase.Running, others.Node("long").Phase);
            await File.WriteAllTextAsync(gate, "open");

            Assert.Equal(WorkflowPhase.Succeeded, await WaitLongAsync(_engine, name));
            Assert.Equal($"{tasks + 1}/{tasks + 1}", (await _engine.Workflows.GetAsync(name))!.Status.Progress);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// 10,000 steps make 20,001 nodes (each group is a node too), one past the default
    /// <c>Durango:Limits:MaxNodes</c>: this engine of its own allows more. The name is fixed: node ids are Argo's, a
    /// 32-bit hash of the node name, and among 20,001 names two share an id for about one workflow name in 25
    /// (<c>NodeIdsTests.NodeId_TwoNodesOfALongChain_CanShareAnId</c>); this one has none, so progress reads 10000/10000.
    /// </summary>
    [Fact]
    public async Task Chain10000_Succeeds_LiveHeapStaysUnder200Mb()
    {
        await using var engine = await EngineHarness.StartAsync(new Dictionary<string, string?> { ["Durango:Limits:MaxNodes"] = "30000" });
        var name = await engine.SubmitAsync(Chain(10_000, "chain-10000"));
        using var done = new CancellationTokenSource();
        var peak = 0L;
        // Live objects (after a full collection), every few seconds: what the run keeps, not garbage not yet collected.
        // The heap is the test process's, shared with tests running beside this one.
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
            }
        });

        var phase = await WaitLongAsync(engine, name);
        await done.CancelAsync();
        await sampler;

        Assert.Equal(WorkflowPhase.Succeeded, phase);
        var view = (await engine.Workflows.GetAsync(name))!;
        Assert.Equal("10000/10000", view.Status.Progress);
        Assert.Equal("first", view.Node("last").Outputs?.Result);
        Assert.True(peak < 200L * 1024 * 1024, $"live objects peaked at {peak / (1024 * 1024)} MB");
    }
}
