using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Microsoft.DurableTask;

namespace Durango.Engine;

/// <summary>
/// What the first workflow of a process would otherwise stop for, done ahead on another core while the host starts
/// and the workflow is read and checked: System.Text.Json's metadata and code for the Durable payloads of a workflow
/// and a leaf (one small sample of each, written and read back with the host's converter), a workflow's
/// <c>workflow.*</c> variables, the spec's content key (SHA-256), and the stores' retry pipeline. Nothing here is kept
/// or shared: it only leaves loaded types and compiled code behind.
/// </summary>
/// <remarks>
/// Measured for issue 12 (a one-step <c>durango run</c>, ReadyToRun build): the first serialization of a
/// <see cref="WorkflowRunInput"/> took about 100 ms however its metadata was made (reflection or generated), the next
/// one under 2 ms; the first call through the retry pipeline about 20 ms. With the warm-up the whole run took 0.63 s
/// against 0.72 s (README, "Benchmarks", ninth round).
/// </remarks>
public static class EngineWarmup
{
    /// <summary>Starts the warm-up on the thread pool; the task ends when it is done.</summary>
    public static Task StartAsync(DataConverter converter) => Task.Run(() => Run(converter), CancellationToken.None);

    /// <summary>Writes and reads back each sample payload with <paramref name="converter"/>, then readies the rest.</summary>
    public static void Run(DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        foreach (var (payload, type) in Samples(DateTimeOffset.UnixEpoch))
        {
            converter.Deserialize(converter.Serialize(payload), type);
        }

        _ = Semantics.Globals.For(Sample(DateTimeOffset.UnixEpoch));
        _ = WorkflowSpecs.KeyOf("{}");
        _ = StoreRetry.Pipeline;
    }

    /// <summary>One small payload of each kind a one-step workflow sends, with the type it is read back as.</summary>
    internal static IEnumerable<(object Payload, Type Type)> Samples(DateTimeOffset now)
    {
        var workflow = Sample(now);
        var template = workflow.Templates[workflow.Entrypoint];
        var node = new NodeStatus
        {
            Id = "warmup",
            Name = "warmup",
            DisplayName = "warmup",
            Type = NodeType.Pod,
            TemplateName = template.Name,
            Phase = NodePhase.Running,
            StartedAt = now,
            Inputs = new NodeInputs([new ParameterValue("p", "v")]),
        };
        var outputs = new NodeOutputs { Parameters = [new ParameterValue("o", "v")], ExitCode = "0" };
        yield return (new WorkflowRunInput(workflow, "apiVersion: argoproj.io/v1alpha1"), typeof(WorkflowRunInput));
        yield return (new StoreWorkflowInput(workflow.Name, "spec/warmup", "{}"), typeof(StoreWorkflowInput));
        yield return (new LeafRunInput(workflow.Name, workflow.Uid, node, "warmup", template, TimeSpan.FromSeconds(1), [node], Deadline: now), typeof(LeafRunInput));
        yield return (new LeafRunResult(NodePhase.Succeeded, null, outputs, now, now, Recorded: true), typeof(LeafRunResult));
        yield return (new RecordNodesInput(workflow.Name, [node with { Phase = NodePhase.Succeeded, FinishedAt = now, Outputs = outputs }]), typeof(RecordNodesInput));
        yield return (new WorkflowSummary(WorkflowPhase.Running, null, now, null, false), typeof(WorkflowSummary));
        yield return (new WorkflowRunOutput(WorkflowPhase.Succeeded, null, now, now, new Dictionary<string, string>()), typeof(WorkflowRunOutput));
    }

    /// <summary>A one-step workflow: a container template with an input and an output parameter.</summary>
    private static ResolvedWorkflow Sample(DateTimeOffset now)
    {
        var template = new Template
        {
            Name = "main",
            Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = ["true"], Args = ["{{inputs.parameters.p}}"] }),
            Inputs = new Inputs { Parameters = [new Parameter { Name = "p", Value = "v" }] },
            Outputs = new Outputs { Parameters = [new Parameter { Name = "o", ValueFrom = new ValueFrom { Path = "/tmp/o" } }] },
        };
        return new ResolvedWorkflow
        {
            Name = "warmup",
            Uid = "warmup",
            CreationTimestamp = now,
            Entrypoint = template.Name,
            Labels = new Dictionary<string, string> { ["app"] = "warmup" },
            Parameters = [new Parameter { Name = "p", Value = "v" }],
            Templates = new Dictionary<string, Template> { [template.Name] = template },
        };
    }
}
