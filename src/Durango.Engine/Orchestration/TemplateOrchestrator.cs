using System.Globalization;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The orchestration of one node: a steps or DAG template (so that each template's history stays short), a
/// lifecycle hook or an exit handler. Its instance id derives from the node name under the root's id, so a
/// replayed parent finds the same child.
/// </summary>
/// <remarks>Deterministic: it reads time and events only through the context.</remarks>
public sealed class TemplateOrchestrator : TaskOrchestrator<TemplateRunInput, NodeResult>
{
    /// <inheritdoc/>
    public override async Task<NodeResult> RunAsync(TaskOrchestrationContext context, TemplateRunInput input)
    {
        var run = new OrchestrationRun(context, input.Workflow, input.RootInstanceId, input.Globals, input.Stoppable, input.Deadline, input.Limits, input.Depth)
        {
            Reuse = input.Reuse,
        };
        run.Journal.RecordAll(input.Pending);
        if (input.Progress?.Suspended == true)
        {
            run.Control.RestoreSuspended();
        }

        run.Control.Listen();

        var template = input.Workflow.Template(input.Call.TemplateKey);
        using var deadline = new CancellationTokenSource();
        if (template.Body is StepsBody or DagBody && Deadline(template, input.Globals) is { } limit)
        {
            run.LimitDeadline(run.Now + limit);
        }

        if (run.Deadline is { } due)
        {
            _ = StopAtDeadlineAsync(run, due, deadline.Token);
        }

        var result = await new NodeExecutor(run).ExecuteAsync(input.Call, input.Arguments, inline: true, input.Progress);
        deadline.Cancel();
        if (run.Continuation is { } progress)
        {
            // Signals that arrived meanwhile are kept for the next execution.
            context.ContinueAsNew(input with { Progress = progress, Pending = run.Journal.TakeAll(), Globals = run.Globals }, preserveUnprocessedEvents: true);
            return result;
        }

        await run.FlushAndWaitAsync();
        return result with { GlobalOutputs = run.PublishedGlobals, Pending = [] };
    }

    private static async Task StopAtDeadlineAsync(OrchestrationRun run, DateTimeOffset due, CancellationToken cancel)
    {
        await run.Context.CreateTimer(due.UtcDateTime, cancel);
        if (!cancel.IsCancellationRequested)
        {
            run.Control.Stop(ArgoMessages.DeadlineExceeded);
        }
    }

    private static TimeSpan? Deadline(Template template, IReadOnlyDictionary<string, string> globals)
    {
        if (template.Timeout is { } timeout && ArgoDuration.TryParse(TemplateTags.Substitute(timeout, globals).Text, out var t))
        {
            return t;
        }

        return template.ActiveDeadlineSeconds is { } seconds
            && double.TryParse(TemplateTags.Substitute(seconds, globals).Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : null;
    }
}
