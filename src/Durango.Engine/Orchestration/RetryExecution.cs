using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A node with a <c>retryStrategy</c>: a Retry node whose children are the attempts (<c>step(0)</c>,
/// <c>step(1)</c>, ...), each a full run of the template, with durable timers for the back-off. The decisions
/// are <see cref="RetryRules"/>'. A daemon's Retry node outlives its hand-over to the steps or DAG
/// (<see cref="DaemonRetry"/>): an attempt that dies once ready is followed by the next one.
/// </summary>
internal sealed class RetryExecution(OrchestrationRun run, NodeExecutor executor)
{
    private readonly List<FailedNode> _failures = [];
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private NodeCall _call = null!;
    private Template _template = null!;
    private RetryStrategy _strategy = null!;
    private IReadOnlyDictionary<string, string> _arguments = null!;
    private NodeStatus _retryNode = null!;

    public async Task<NodeResult> RunAsync(NodeCall call, Template template, RetryStrategy strategy, IReadOnlyDictionary<string, string> arguments)
    {
        (_call, _template, _strategy, _arguments) = (call, template, strategy, arguments);
        _retryNode = NodeRecords.Begin(run, call, NodeType.Retry, template);
        // The strategy's fields see the template's inputs, as upstream substitutes the whole template (TestParametrizableLimit).
        foreach (var (key, value) in run.Globals)
        {
            _variables[key] = value;
        }

        foreach (var (key, value) in InputBinder.Bind(template.Inputs, arguments, run.Globals).Variables())
        {
            _variables[key] = value;
        }

        for (var attempt = 0; ; attempt++)
        {
            var result = await AttemptAsync(attempt);
            if (result.Daemoned && DaemonRetry.HandOver(run, this, _retryNode, attempt, result, _failures) is { } handedOver)
            {
                return handedOver;
            }

            if (await AfterAsync(attempt, result) is { } final)
            {
                return final;
            }
        }
    }

    /// <summary>The call of attempt number <paramref name="attempt"/> (0-based): <c>name(attempt)</c>, flagged retried.</summary>
    public NodeCall AttemptCall(int attempt) =>
        _call with { Name = NodeNames.Attempt(_call.Name, attempt), Flag = (_call.Flag ?? new NodeFlag()) with { Retried = true } };

    /// <summary>The node type of the attempts.</summary>
    public NodeType AttemptType => NodeRecords.TypeOf(_template.Body);

    /// <summary>The template being retried.</summary>
    public Template Template => _template;

    /// <summary>Runs attempt number <paramref name="attempt"/>, linked under the Retry node.</summary>
    public Task<NodeResult> AttemptAsync(int attempt)
    {
        var attemptCall = AttemptCall(attempt);
        NodeRecords.Link(run, _retryNode, run.NodeId(attemptCall.Name));
        var locals = new Dictionary<string, string> { ["retries"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return executor.RunOnceAsync(attemptCall, _template, _arguments, inline: false, locals);
    }

    /// <summary>
    /// After attempt number <paramref name="attempt"/> ended with <paramref name="result"/>: the Retry node's result when
    /// it ends here (recorded), or null once the back-off has passed and the next attempt is due. The back-off ends
    /// early on a stop or when <paramref name="cut"/> (when given) completes.
    /// </summary>
    public async Task<NodeResult?> AfterAsync(int attempt, NodeResult result, Task? cut = null)
    {
        _failures.AddRange(result.Failures);
        var outcome = new AttemptOutcome(result.Phase, result.Message, result.Outputs?.ExitCode,
            (result.FinishedAt ?? run.Now) - (result.StartedAt ?? run.Now), result.FinishedAt ?? run.Now);
        var decision = run.Control.IsStopped
            ? new RetryDecision(false, TimeSpan.Zero, result.Message)
            : RetryRules.Decide(_strategy, attempt, outcome, _retryNode.StartedAt!.Value, _variables, run.Evaluator);
        if (!decision.Retry)
        {
            var message = result.Phase == NodePhase.Succeeded ? null : decision.Message ?? result.Message;
            var final = NodeRecords.Finish(run, _retryNode with { Daemoned = null }, result.Phase, message, result.Outputs);
            // Upstream's getOutboundNodes: what follows a Retry node hangs from its last attempt.
            var last = AttemptCall(attempt).Name;
            return NodeRecords.Complete(run, final, _failures) with { Iterations = null, Outbound = OutboundNodes.OfRetry(last, result.Outbound ?? OutboundNodes.Self(last)) };
        }

        if (decision.Delay > TimeSpan.Zero)
        {
            run.Flush();
            using var cancel = new CancellationTokenSource();
            var timer = run.Context.CreateTimer(decision.Delay, cancel.Token);
            if (await Task.WhenAny(cut is null ? [timer, run.Control.Stopped] : [timer, run.Control.Stopped, cut]) != timer)
            {
                cancel.Cancel();
            }
        }

        return null;
    }
}
