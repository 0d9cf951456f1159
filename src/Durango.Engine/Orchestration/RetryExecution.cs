using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A node with a <c>retryStrategy</c>: a Retry node whose children are the attempts (<c>step(0)</c>,
/// <c>step(1)</c>, ...), each a full run of the template, with durable timers for the back-off. The decisions
/// are <see cref="RetryRules"/>'.
/// </summary>
internal sealed class RetryExecution(OrchestrationRun run, NodeExecutor executor)
{
    public async Task<NodeResult> RunAsync(NodeCall call, Template template, RetryStrategy strategy, IReadOnlyDictionary<string, string> arguments)
    {
        var retryNode = NodeRecords.Begin(run, call, NodeType.Retry, template);
        var failures = new List<FailedNode>();
        // The strategy's fields see the template's inputs, as upstream substitutes the whole template (TestParametrizableLimit).
        var variables = new Dictionary<string, string>(run.Globals, StringComparer.Ordinal);
        foreach (var (key, value) in InputBinder.Bind(template.Inputs, arguments, run.Globals).Variables())
        {
            variables[key] = value;
        }

        for (var attempt = 0; ; attempt++)
        {
            var attemptCall = call with { Name = NodeNames.Attempt(call.Name, attempt), Flag = (call.Flag ?? new NodeFlag()) with { Retried = true } };
            NodeRecords.Link(run, retryNode, run.NodeId(attemptCall.Name));
            var locals = new Dictionary<string, string> { ["retries"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var result = await executor.RunOnceAsync(attemptCall, template, arguments, inline: false, locals);
            failures.AddRange(result.Failures);

            var outcome = new AttemptOutcome(result.Phase, result.Message, result.Outputs?.ExitCode,
                (result.FinishedAt ?? run.Now) - (result.StartedAt ?? run.Now), result.FinishedAt ?? run.Now);
            var decision = run.Control.IsStopped
                ? new RetryDecision(false, TimeSpan.Zero, result.Message)
                : RetryRules.Decide(strategy, attempt, outcome, retryNode.StartedAt!.Value, variables, run.Evaluator);
            if (!decision.Retry)
            {
                var message = result.Phase == NodePhase.Succeeded ? null : decision.Message ?? result.Message;
                var final = NodeRecords.Finish(run, retryNode, result.Phase, message, result.Outputs);
                // Upstream's getOutboundNodes: what follows a Retry node hangs from its last attempt.
                var outbound = OutboundNodes.OfRetry(attemptCall.Name, result.Outbound ?? OutboundNodes.Self(attemptCall.Name));
                return NodeRecords.Complete(run, final, failures) with { Iterations = null, Outbound = outbound };
            }

            if (decision.Delay > TimeSpan.Zero)
            {
                run.Flush();
                using var cancel = new CancellationTokenSource();
                var timer = run.Context.CreateTimer(decision.Delay, cancel.Token);
                if (await Task.WhenAny(timer, run.Control.Stopped) != timer)
                {
                    cancel.Cancel();
                }
            }
        }
    }
}
