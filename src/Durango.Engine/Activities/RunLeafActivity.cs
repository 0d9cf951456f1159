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
/// status tree is current the moment the node ends. Large output values go through <see cref="OutputValues"/>: the
/// template's tokens are read before it runs and its own large outputs are stored after. Runs at least once per
/// node: executors are idempotent.
/// </summary>
public sealed class RunLeafActivity(
    INodeStore nodes, ILogStore logs, OutputValues values, LeafDispatcher dispatcher, RunningLeaves running, ILogger<RunLeafActivity> logger)
    : TaskActivity<LeafRunInput, LeafRunResult>
{
    /// <inheritdoc/>
    public override async Task<LeafRunResult> RunAsync(TaskActivityContext context, LeafRunInput input)
    {
        if (input.Pending.Count > 0)
        {
            await nodes.WriteAsync(input.WorkflowName, input.Pending).ConfigureAwait(false);
        }

        var started = DateTimeOffset.UtcNow;
        var (template, missing) = await values.ExpandAsync(input.Template).ConfigureAwait(false);
        template ??= input.Template;
        var log = new NodeLog(logs, input.WorkflowName, input.Node.Id, dispatcher.SecretValues(template));
        LeafOutcome outcome;
        using (var registration = running.Register(input.WorkflowName, input.Timeout, input.Stoppable, input.Deadline))
        {
            try
            {
                outcome = missing is not null
                    ? new LeafOutcome(NodePhase.Error, missing)
                    : await dispatcher.RunAsync(input.WorkflowName, input.PodName, template, log, registration.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (registration.Token.IsCancellationRequested)
            {
                outcome = new LeafOutcome(NodePhase.Failed, registration.TimedOut ? ArgoMessages.PodDeadlineExceeded : registration.StopReason);
            }
            catch (ContainerStartException e)
            {
                outcome = new LeafOutcome(NodePhase.Error, log.Redact(e.Message));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Any executor failure is the node's error, not the workflow's crash; the message is redacted.
                Logs.LeafCrashed(logger, e, input.WorkflowName, input.Node.Name);
                outcome = new LeafOutcome(NodePhase.Error, log.Redact(e.Message));
            }
        }

        var (phase, message, outputs) = Outputs(template, outcome, log);
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

        outputs = await values.OffloadAsync(input.WorkflowName, input.Node.Id, outputs).ConfigureAwait(false);

        var finished = DateTimeOffset.UtcNow;
        var final = input.Node with { Phase = phase, Message = message, Outputs = outputs, StartedAt = started, FinishedAt = finished };
        var recorded = true;
        try
        {
            await nodes.WriteAsync(input.WorkflowName, [final]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The orchestration records the node itself when this write is lost; failing here would rerun the node.
            Logs.RecordFailed(logger, e, input.WorkflowName, input.Node.Name);
            recorded = false;
        }

        return new LeafRunResult(phase, message, outputs, started, finished, recorded);
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
