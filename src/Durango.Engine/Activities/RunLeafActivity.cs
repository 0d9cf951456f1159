using Durango.Core.Spec;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Durango.Engine.Activities;

/// <summary>
/// Runs one leaf node: writes the records it carries, runs the template through the <see cref="LeafDispatcher"/>
/// with stop and deadline cancellation, collects outputs, and writes the node's final record itself so that the
/// status tree is current as soon as the node ends (the result does not wait for that write: see
/// <see cref="RecordAsync"/>). Large output values go through <see cref="OutputValues"/>: the template's tokens are read
/// before it runs and its own large outputs are stored after.
/// </summary>
/// <remarks>
/// A step runs once per attempt the user sees: the activity has no Durable retry, and its store calls are retried
/// alone (<see cref="StoreRetry"/>), so a storage hiccup after the step never runs it again. A store that stays down
/// after the step errors the node instead. A delivery that finds its node already fulfilled (a re-delivery after the
/// final record was written, or a stop that came first) does not run it again. Stop and terminate reach the step on
/// any host through the node store (<see cref="RemoteStop"/>).
/// </remarks>
public sealed class RunLeafActivity(
    INodeStore nodes, ILogStore logs, OutputValues values, LeafDispatcher dispatcher, RunningLeaves running, DurangoOptions options,
    ILogger<RunLeafActivity> logger, Artifacts.ArtifactTransfer artifacts)
    : TaskActivity<LeafRunInput, LeafRunResult>
{
    /// <inheritdoc/>
    public override async Task<LeafRunResult> RunAsync(TaskActivityContext context, LeafRunInput input)
    {
        var started = DateTimeOffset.UtcNow;
        // The records it carries, then one look: has the node ended already (delivered again after its final record,
        // or stopped before it started), and is the workflow over its node cap? One round trip where the store knows
        // nothing else was written since it last looked (INodeStore.WriteThenReadNodesAsync). Retried as one: records
        // merge in any order and any number of times.
        var known = await StoreRetry.RunAsync(async c => await nodes.WriteThenReadNodesAsync(input.WorkflowName, input.Pending, RemoteStop.Watched(input), c)
            .ConfigureAwait(false)).ConfigureAwait(false);
        if (RemoteStop.Reason(input, known) is { } ended)
        {
            return known?.Nodes.GetValueOrDefault(input.Node.Id) is { } record && record.Phase.Fulfilled()
                ? new LeafRunResult(record.Phase, record.Message, record.Outputs ?? new NodeOutputs(), record.StartedAt ?? started, record.FinishedAt ?? started, Recorded: true)
                : new LeafRunResult(NodePhase.Failed, ended, new NodeOutputs(), started, DateTimeOffset.UtcNow, Recorded: false);
        }

        if (input.MaxNodes is { } maxNodes && new Semantics.WorkflowLimits { MaxNodes = maxNodes }.CheckNodes(known?.Count ?? 0) is { } tooMany)
        {
            return new LeafRunResult(NodePhase.Failed, tooMany, new NodeOutputs(), started, DateTimeOffset.UtcNow, Recorded: false, Abort: tooMany);
        }

        var (template, missing) = input.Tokens
            ? await StoreRetry.RunAsync(async c => await values.ExpandAsync(input.Template, c).ConfigureAwait(false)).ConfigureAwait(false)
            : (input.Template, null);
        template ??= input.Template;
        var log = new NodeLog(logs, input.WorkflowName, input.Node.Id, dispatcher.SecretValues(template).Concat(artifacts.SecretValues(template)));
        var exchange = artifacts.For(input.WorkflowName, input.PodName, template);
        var outcome = await RunStepAsync(input, template, missing, log, exchange).ConfigureAwait(false);
        var (phase, message, outputs) = Outputs(template, outcome, log);
        (phase, message, outputs) = Artifacts.ArtifactOutcome.Apply(phase, message, outputs, exchange);
        if (phase != NodePhase.Succeeded && message is not null)
        {
            await log.WriteLineAsync($"[durango] {phase}: {message}").ConfigureAwait(false);
        }

        try
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The log store is unavailable: the node's outcome stands; its log is what was written so far.
            Logs.LogWriteFailed(logger, e, input.WorkflowName, input.Node.Name);
        }

        (phase, message, outputs) = await artifacts.ArchiveLogAsync(input.WorkflowName, input.Node.Id, input.PodName, template, phase, message, outputs).ConfigureAwait(false);

        try
        {
            outputs = await StoreRetry.RunAsync(async c => await values.OffloadAsync(input.WorkflowName, input.Node.Id, outputs, c).ConfigureAwait(false))
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The step ran; running it again would repeat its side effects. Its outputs are lost: the node errors.
            Logs.OutputsLost(logger, e, input.WorkflowName, input.Node.Name);
            (phase, message, outputs) = (NodePhase.Error, $"the step ran, but its outputs could not be stored: {log.Redact(e.Message)}", new NodeOutputs());
        }

        var finished = DateTimeOffset.UtcNow;
        var final = input.Node with { Phase = phase, Message = message, Outputs = outputs, StartedAt = started, FinishedAt = finished };
        // The result does not wait for a write still on its way (a remote store: one append, about a tenth of a step on
        // Azure Storage, issue 12). It is Recorded only when the write has landed by then; otherwise the orchestration
        // records the node too, with whatever it sends next, so the tree is current an append's time after the step
        // ends and a lost write cannot leave a node Running. Records of a node merge in any order.
        var write = RecordAsync(input, final);
        return new LeafRunResult(phase, message, outputs, started, finished, Recorded: write.IsCompletedSuccessfully && write.Result);
    }

    /// <summary>Writes the node's final record (with retries); false when the store stayed down (logged; the orchestration records it).</summary>
    private async Task<bool> RecordAsync(LeafRunInput input, NodeStatus final)
    {
        try
        {
            await StoreRetry.RunAsync(async c => await nodes.WriteAsync(input.WorkflowName, [final], c).ConfigureAwait(false)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Logs.RecordFailed(logger, e, input.WorkflowName, input.Node.Name);
            return false;
        }
    }

    /// <summary>Runs the step itself, cancelled by a stop or terminate (from this host or any other) or a deadline.</summary>
    private async Task<LeafOutcome> RunStepAsync(LeafRunInput input, Template template, string? missing, NodeLog log, Artifacts.StepArtifacts? exchange)
    {
        using var registration = running.Register(input.WorkflowName, input.Timeout, input.Stoppable, input.Deadline);
        using var done = new CancellationTokenSource();
        using var ticks = new PeriodicTimer(options.CancellationPollInterval);
        var watch = RemoteStop.WatchAsync(nodes, input, registration, ticks, done.Token);
        try
        {
            return missing is not null
                ? new LeafOutcome(NodePhase.Error, missing)
                : await dispatcher.RunAsync(input.WorkflowName, input.PodName, template, log, registration.Token, exchange,
                    new LeafNode(input.Node, (records, c) => nodes.WriteAsync(input.WorkflowName, records, c), registration.Daemoned)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (registration.Token.IsCancellationRequested)
        {
            return new LeafOutcome(NodePhase.Failed, registration.TimedOut ? ArgoMessages.PodDeadlineExceeded : registration.StopReason);
        }
        catch (ContainerStartException e)
        {
            // A command that does not exist fails its pod, and Argo's node with it (Failed, not Error: upstream
            // functional_test.go TestWorkflowParallelismStepFailFast runs `command: [exit, "1"]`).
            return new LeafOutcome(e.CommandNotFound ? NodePhase.Failed : NodePhase.Error, log.Redact(e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any executor failure is the node's error, not the workflow's crash; the message is redacted.
            Logs.LeafCrashed(logger, e, input.WorkflowName, input.Node.Name);
            return new LeafOutcome(NodePhase.Error, log.Redact(e.Message));
        }
        finally
        {
            ticks.Dispose();
            await done.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }
    }

    /// <summary>The node's outputs: result, exit code, and each output parameter from its file or default.</summary>
    private static (NodePhase, string?, NodeOutputs) Outputs(Template template, LeafOutcome outcome, NodeLog log)
    {
        var phase = outcome.Phase;
        var message = outcome.Message;
        var parameters = new List<ParameterValue>();
        foreach (var parameter in template.Outputs.Parameters)
        {
            string? value = null;
            if (parameter.ValueFrom?.Path is { } path)
            {
                outcome.OutputFiles?.TryGetValue(path, out value);
                value = value?.TrimEnd('\n', '\r');
            }

            value ??= parameter.ValueFrom?.Default ?? parameter.Value ?? parameter.Default;
            if (value is null)
            {
                if (phase == NodePhase.Succeeded)
                {
                    (phase, message) = (NodePhase.Error, $"output parameter '{parameter.Name}': {parameter.ValueFrom?.Path ?? "no value"} was not produced and it has no default");
                }

                continue;
            }

            parameters.Add(new ParameterValue(parameter.Name, log.Redact(value)));
        }

        var outputs = new NodeOutputs
        {
            Parameters = parameters,
            Result = outcome.Result is null ? null : log.Redact(outcome.Result),
            ExitCode = outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return (phase, message, outputs);
    }
}
