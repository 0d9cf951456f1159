using System.Globalization;
using Durango.Api.Lists;
using Durango.Api.Workflows;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Cron;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Api.Cron;

/// <content>Starting a CronWorkflow's workflows: one per tick, and once on request.</content>
public sealed partial class CronService
{
    /// <summary>The annotation Argo puts the tick on, read by <c>{{workflow.scheduledTime}}</c>.</summary>
    public const string ScheduledTimeAnnotation = "workflows.argoproj.io/scheduled-time";

    /// <summary>
    /// Argo's <c>run</c> for one tick: stop strategy, <c>when</c>, concurrency policy, then the workflow
    /// <c>{cron}-{unix seconds}</c> (already started counts as started, so a re-delivered tick starts nothing twice),
    /// then the history limits.
    /// </summary>
    public async Task<CronTickResult> LaunchAsync(CronTick tick, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(tick.Namespace, tick.Name, cancellationToken).ConfigureAwait(false) is not { } cron)
        {
            return new CronTickResult(null, "the CronWorkflow no longer exists", Gone: true);
        }

        var spec = cron.Document.Cron!;
        if (spec.Suspend)
        {
            return new CronTickResult(null, "suspended");
        }

        var name = CronRules.WorkflowName(tick.Name, tick.ScheduledTime);
        var children = await ChildrenAsync(tick.Namespace, tick.Name, cancellationToken).ConfigureAwait(false);
        var variables = Variables(cron, children, tick.LastScheduled);
        if (spec.StopExpression is { } stop && NCalcExpressionEvaluator.Instance.Evaluate(stop, ExpressionDialect.Expr, variables) is var stopped && stopped.IsTrue)
        {
            return new CronTickResult(null, $"stopStrategy '{stop}' holds: the CronWorkflow has stopped", Stopped: true);
        }

        var when = WhenCondition.Evaluate(spec.When, variables, NCalcExpressionEvaluator.Instance);
        if (!when.Run)
        {
            return new CronTickResult(null, when.Error ?? $"when '{spec.When}' is false");
        }

        var active = children.Where(c => !c.Status.Phase.IsFinished() && c.Metadata.Name != name).Select(c => c.Metadata.Name).ToList();
        var decision = CronRules.Concurrency(spec.ConcurrencyPolicy, active);
        if (!decision.Start)
        {
            return new CronTickResult(null, decision.Reason);
        }

        foreach (var running in decision.Terminate)
        {
            await workflows.TerminateAsync(running, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await StartAsync(cron, name, null, tick.ScheduledTime, cancellationToken).ConfigureAwait(false);
        await PruneAsync(spec, tick.Namespace, tick.Name, cancellationToken).ConfigureAwait(false);
        return outcome.Status == SubmitStatus.Invalid
            ? new CronTickResult(null, $"the workflow did not start: {outcome.Message} {string.Join("; ", outcome.Diagnostics.Where(d => d.IsError).Select(d => d.Message))}")
            : new CronTickResult(name);
    }

    /// <summary>
    /// Starts the CronWorkflow's workflow once, now (argo's <c>submit --from cronwf/NAME</c>); null when there is no such
    /// CronWorkflow.
    /// </summary>
    public async Task<SubmitOutcome?> SubmitAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is { } cron
            ? await StartAsync(cron, null, name + "-", time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The workflows CronWorkflow <paramref name="name"/> started (its label), newest first.</summary>
    public async Task<IReadOnlyList<WorkflowView>> ChildrenAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var filter = new WorkflowFilter(@namespace, LabelSelector.Parse($"{ArgoLabels.CronWorkflow}={name}"), FieldSelector.Everything);
        return (await workflows.ListAsync(filter, cancellationToken).ConfigureAwait(false)).Items ?? [];
    }

    private Task<SubmitOutcome> StartAsync(StoredTemplate cron, string? name, string? generateName, DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var meta = cron.Document.Cron!.WorkflowMetadata;
        var labels = new Dictionary<string, string>(meta.Labels, StringComparer.Ordinal) { [ArgoLabels.CronWorkflow] = cron.Name };
        var annotations = new Dictionary<string, string>(meta.Annotations, StringComparer.Ordinal) { [ScheduledTimeAnnotation] = CronRules.ScheduledTimeText(scheduled) };
        var request = new SubmitRequest(CronSource.Workflow(cron.Source, name, generateName), $"{cron.Name} (CronWorkflow)", [], name, generateName)
        {
            Namespace = cron.Document.Metadata.Namespace,
            Labels = labels,
            Annotations = annotations,
        };
        return workflows.SubmitAsync(request, cancellationToken);
    }

    private async Task PruneAsync(CronWorkflowSpec spec, string @namespace, string name, CancellationToken cancellationToken)
    {
        var children = await ChildrenAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        var drop = CronRules.Prune(
            children.Select(c => new CronChild(c.Metadata.Name, c.Status.Phase.IsFinished(), c.Status.Phase == WorkflowPhase.Succeeded, c.Status.FinishedAt)),
            spec.SuccessfulJobsHistoryLimit, spec.FailedJobsHistoryLimit);
        foreach (var workflow in drop)
        {
            await workflows.DeleteAsync(workflow, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Argo's <c>cronworkflow.*</c> variables of <c>when</c> and <c>stopStrategy</c>.</summary>
    private static Dictionary<string, string> Variables(StoredTemplate cron, IReadOnlyList<WorkflowView> children, DateTimeOffset? lastScheduled)
    {
        var metadata = cron.Document.Metadata;
        var finished = children.Where(c => c.Status.Phase.IsFinished()).ToList();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cronworkflow.name"] = cron.Name,
            ["cronworkflow.namespace"] = metadata.Namespace ?? string.Empty,
            ["cronworkflow.labels.json"] = System.Text.Json.JsonSerializer.Serialize(metadata.Labels),
            ["cronworkflow.annotations.json"] = System.Text.Json.JsonSerializer.Serialize(metadata.Annotations),
            ["cronworkflow.succeeded"] = finished.Count(c => c.Status.Phase == WorkflowPhase.Succeeded).ToString(CultureInfo.InvariantCulture),
            ["cronworkflow.failed"] = finished.Count(c => c.Status.Phase != WorkflowPhase.Succeeded).ToString(CultureInfo.InvariantCulture),
        };
        if (lastScheduled is { } last)
        {
            variables["cronworkflow.lastScheduledTime"] = CronRules.ScheduledTimeText(last);
        }

        foreach (var (key, value) in metadata.Labels)
        {
            variables[$"cronworkflow.labels.{key}"] = value;
        }

        foreach (var (key, value) in metadata.Annotations)
        {
            variables[$"cronworkflow.annotations.{key}"] = value;
        }

        return variables;
    }
}
