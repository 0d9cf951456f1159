using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Runs one node: binds its inputs, retries it when its template says so, and dispatches on the template's kind —
/// a leaf becomes an activity, a suspend a timer or a wait, a steps or DAG template a child orchestration (or, at
/// the top of that child, the steps or DAG rule itself).
/// </summary>
internal sealed class NodeExecutor
{
    private readonly OrchestrationRun _run;

    public NodeExecutor(OrchestrationRun run) => _run = run;

    /// <summary>
    /// Runs <paramref name="call"/> with <paramref name="arguments"/>. With <paramref name="inline"/>, a steps or
    /// DAG template runs here instead of in a child orchestration: the <see cref="TemplateOrchestrator"/> of that
    /// node does this.
    /// </summary>
    public Task<NodeResult> ExecuteAsync(NodeCall call, IReadOnlyDictionary<string, string> arguments, bool inline = false, StepsProgress? progress = null)
    {
        var template = _run.Workflow.Template(call.TemplateKey);

        // A memoized node looks in its cache first; a steps or DAG node did so in its parent, before this orchestration.
        return template.Memoize is { } memoize && !inline
            ? new MemoizedExecution(_run, this).RunAsync(call, template, memoize, arguments)
            : RunAsync(call, template, arguments, inline, progress);
    }

    /// <summary>Runs <paramref name="call"/>, with its retries, without looking in a memoization cache.</summary>
    public Task<NodeResult> RunAsync(NodeCall call, Template template, IReadOnlyDictionary<string, string> arguments, bool inline, StepsProgress? progress)
    {
        return template.RetryStrategy is { } strategy && !(inline && template.Body is StepsBody or DagBody)
            ? new RetryExecution(_run, this).RunAsync(call, template, strategy, arguments)
            : RunOnceAsync(call, template, arguments, inline, locals: null, progress);
    }

    /// <summary>Runs one attempt of <paramref name="call"/>.</summary>
    public async Task<NodeResult> RunOnceAsync(
        NodeCall call, Template template, IReadOnlyDictionary<string, string> arguments, bool inline, IReadOnlyDictionary<string, string>? locals,
        StepsProgress? progress = null) =>
        SynchronizedExecution.Applies(template, inline)
            ? await new SynchronizedExecution(_run).RunAsync(call, template, arguments, () => RunUnlockedAsync(call, template, arguments, inline, locals, progress))
            : await RunUnlockedAsync(call, template, arguments, inline, locals, progress);

    private async Task<NodeResult> RunUnlockedAsync(
        NodeCall call, Template template, IReadOnlyDictionary<string, string> arguments, bool inline, IReadOnlyDictionary<string, string>? locals,
        StepsProgress? progress)
    {
        // Argo's node.name: the name of the node that runs this template (executeTemplate in operator.go).
        var named = new Dictionary<string, string>(locals ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["node.name"] = call.Name };
        locals = named;
        if (template.Body is StepsBody or DagBody && !inline)
        {
            var globals = new Dictionary<string, string>(_run.Globals, StringComparer.Ordinal);
            foreach (var (key, value) in named)
            {
                globals[key] = value;
            }

            return await _run.CallTemplateAsync(call, arguments, globals, hearsStop: true);
        }

        var inputs = InputBinder.Bind(template.Inputs, arguments, _run.Globals);
        if (inputs.Error is { } error)
        {
            return Settle(call, template, NodePhase.Error, error);
        }

        // As upstream substitutes the template with its input parameters, an input artifact's own location may use them.
        var scope = new Dictionary<string, string>(_run.Globals, StringComparer.Ordinal);
        foreach (var (key, value) in inputs.Variables())
        {
            scope[key] = value;
        }

        var artifacts = ArtifactRules.Bind(template.Inputs.Artifacts, arguments, scope, _run.Evaluator);
        if (artifacts.Error is { } missing)
        {
            return Settle(call, template, NodePhase.Error, missing);
        }

        foreach (var (key, value) in ArtifactRules.Variables(template, artifacts.Bound).Concat(locals ?? new Dictionary<string, string>()))
        {
            scope[key] = value;
        }

        var nodeInputs = inputs.Parameters.Count == 0 && artifacts.Bound.Count == 0
            ? null
            : new NodeInputs(inputs.Parameters) { Artifacts = artifacts.Bound.Count == 0 ? null : artifacts.Bound };
        if (template.Body is StepsBody or DagBody)
        {
            // Inline, at the top of its own orchestration: the template's limit tightens the deadline that it watches.
            _run.LimitDeadline(_run.Now + Deadlines.Limit(template, scope));
        }

        if (template.Body is StepsBody or DagBody)
        {
            var result = template.Body is StepsBody steps
                ? await new StepsExecution(_run, this).RunAsync(call, template, steps, scope, nodeInputs, progress)
                : await new DagExecution(_run, this).RunAsync(call, template, (DagBody)template.Body, scope, nodeInputs);

            // Upstream's killDaemonedChildren: the daemons a steps or DAG node started end with it (not when a long
            // steps or DAG template only continues as new: its daemons then end when they see its node end).
            if (result.ContinueFrom is null && result.ContinueDag is null)
            {
                await DaemonExecution.KillAllAsync(_run);
            }
            else
            {
                DaemonExecution.LetGo(_run);
            }

            return result;
        }

        return template.Body switch
        {
            SuspendBody suspend => await new SuspendExecution(_run).RunAsync(call, template, suspend, scope, nodeInputs),
            ContainerBody or ScriptBody or ContainerSetBody or HttpBody or PluginBody => await WithoutStepsAroundAsync(
                WithContainersOutbound(call, template, await new LeafExecution(_run).RunAsync(call, template, scope, nodeInputs)), inline || _run.Depth == 0),
            _ => Settle(call, template, NodePhase.Error, $"template '{template.Name}' is of kind '{template.Body.Kind}', which Durango does not run"),
        };
    }

    /// <summary>
    /// A daemon with no steps or DAG around it in this orchestration (the entrypoint, a hook or exit handler that is
    /// itself a container) ends with its node, as upstream kills daemons when the workflow completes.
    /// </summary>
    private async Task<NodeResult> WithoutStepsAroundAsync(NodeResult result, bool alone)
    {
        if (alone)
        {
            await DaemonExecution.KillAllAsync(_run);
        }

        return result;
    }

    /// <summary>
    /// A container set's pod that ran (Succeeded or Failed, so its containers' nodes exist): what follows it hangs from
    /// its last containers (<see cref="OutboundNodes.OfContainerSet"/>).
    /// </summary>
    private static NodeResult WithContainersOutbound(NodeCall call, Template template, NodeResult result) =>
        template.Body is ContainerSetBody set && result.Phase is NodePhase.Succeeded or NodePhase.Failed
            ? result with { Outbound = OutboundNodes.OfContainerSet(call.Name, set) }
            : result;

    private NodeResult Settle(NodeCall call, Template template, NodePhase phase, string message)
    {
        var node = NodeRecords.Settled(_run, call, NodeRecords.TypeOf(template.Body), template, phase, message);
        return NodeRecords.Complete(_run, node);
    }
}
