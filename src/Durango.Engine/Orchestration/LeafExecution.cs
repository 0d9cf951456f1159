using System.Runtime.CompilerServices;
using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A container, script, HTTP or plugin node: the template is substituted here (deterministically) and run by one
/// activity. A stop does not wait for the activity: the node fails at once and the executor is cancelled out of band.
/// </summary>
internal sealed class LeafExecution(OrchestrationRun run)
{
    public async Task<NodeResult> RunAsync(NodeCall call, Template template, Dictionary<string, string> scope, NodeInputs? inputs)
    {
        if (run.Reuse?.GetValueOrDefault(call.Name) is { Phase: NodePhase.Succeeded } earlier)
        {
            // Argo's retry: a leaf that succeeded before keeps its result (and its record) and does not run again.
            run.Publish(OutputResolver.Globals(template.Outputs, earlier.Outputs, scope));
            return NodeRecords.Result(run, earlier);
        }

        await run.Control.WhenRunnableAsync();
        var podName = NodeIds.PodName(run.Workflow.Name, call.Name, template.Name);
        scope["pod.name"] = podName;
        scope["node.name"] = call.Name;
        // workflow.duration is a global everywhere upstream (TestGlobalParams), so far while running; an exit handler's
        // final value, set at the outcome, stays.
        scope.TryAdd("workflow.duration", Globals.Duration(Globals.RunningFor(run.WorkflowStartedAt, run.Now)));
        var node = NodeRecords.Start(run, call, NodeRecords.TypeOf(template.Body), template, inputs);
        if (run.Control.StopMessage is { } stopped)
        {
            return NodeRecords.Complete(run, NodeRecords.Finish(run, node, NodePhase.Failed, stopped));
        }

        // Plain tags pass large outputs on as tokens (the activity reads them); an expression must see the values.
        var values = await run.WithValuesAsync(scope, () => TextsOf(template).Expressions);
        var substituted = TemplateSubstitution.Apply(
            inputs?.Artifacts is { } artifacts ? template with { Inputs = template.Inputs with { Artifacts = artifacts } } : template, values);
        if (substituted.Error is { } error)
        {
            return NodeRecords.Complete(run, NodeRecords.Finish(run, node, NodePhase.Error, error));
        }

        node = NodeRecords.Begin(run, node);
        var tokens = OutputReferences.MayReach(values, inputs?.Artifacts, () => TextsOf(template).Tokens);
        var activity = run.CallLeafAsync(new LeafRunInput(
            run.Workflow.Name, run.Workflow.Uid, node, podName, substituted.Template, Deadlines.Limit(template, scope), [], run.Stoppable, run.Deadline, Tokens: tokens));
        // A daemon's activity runs until the daemon is killed: its step is settled once the daemon is ready.
        var daemonReady = template.Daemon ? DaemonExecution.UntilReadyAsync(run, node, activity) : null;
        Task settled = daemonReady is null ? activity : daemonReady;
        if (await Task.WhenAny(settled, run.Control.Stopped) != settled)
        {
            // Written at once: the leaf may run on another host, which stops it when it sees this record.
            var stoppedNode = NodeRecords.Complete(run, NodeRecords.Finish(run, node, NodePhase.Failed, run.Control.StopMessage));
            run.Flush();
            return stoppedNode;
        }

        if (daemonReady is not null && await daemonReady is { Ready: true } ready)
        {
            // Later steps reach it at its address (steps.X.ip).
            return DaemonExecution.Daemoned(run, node with { PodIp = ready.PodIp }, activity);
        }

        LeafRunResult result;
        try
        {
            result = await activity;
        }
        catch (TaskFailedException e)
        {
            return NodeRecords.Complete(run, NodeRecords.Finish(run, node, NodePhase.Error, e.FailureDetails.ErrorMessage));
        }

        if (result.Abort is { } abort)
        {
            run.Abort(abort);
        }

        var final = node with
        {
            Phase = result.Phase,
            Message = result.Message,
            Outputs = result.Outputs,
            StartedAt = result.StartedAt,
            FinishedAt = result.FinishedAt,
        };
        if (result.Phase == NodePhase.Succeeded)
        {
            run.Publish(OutputResolver.Globals(substituted.Template.Outputs, result.Outputs));
        }

        // The activity wrote its own final record; record it here too only when it is not the usual outcome,
        // so that a lost write cannot leave a node Running.
        return result.Recorded ? NodeRecords.Result(run, final) : NodeRecords.Complete(run, final);
    }

    /// <summary>What a template's own text holds, found once per template object (templates are immutable and cached, WorkflowSpecs).</summary>
    private static readonly ConditionalWeakTable<Template, TemplateTexts> Texts = new();

    private static TemplateTexts TextsOf(Template template) => Texts.GetValue(template, t =>
    {
        var json = DurablePayloads.Converter.Serialize(t) ?? string.Empty;
        return new TemplateTexts(json.Contains("{{=", StringComparison.Ordinal) ? [json] : [], OutputReferences.Contains(json));
    });

    /// <summary>A template's text when it holds an expression (else none), and whether it holds an output token.</summary>
    private sealed record TemplateTexts(string[] Expressions, bool Tokens);
}
