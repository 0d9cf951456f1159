using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Runs a step or task together with its lifecycle hooks, as child orchestrations: hooks whose expression holds
/// when the node starts (<c>status == "Running"</c>) fire then, the others when it ends, each at most once; the
/// exit hook after it completed. The node is done only when every hook it fired is done; a hook's phase never
/// changes the node's, but its failures count in <c>workflow.failures</c>.
/// </summary>
internal sealed class HookExecution(OrchestrationRun run)
{
    public async Task<NodeResult> RunWithHooksAsync(
        TemplateInvocation invocation, string nodeName, string prefix, IReadOnlyDictionary<string, string> scope,
        string? boundaryName, Func<Task<NodeResult>> body)
    {
        var fired = new FiredHooks(run, this, nodeName);
        void Fire(IEnumerable<DueHook> due, IReadOnlyDictionary<string, string> variables, bool exit)
        {
            foreach (var hook in due)
            {
                if ((!exit && run.Control.IsStopped) || run.Control.IsTerminated)
                {
                    continue;
                }

                fired.Fire(hook, variables, boundaryName, hearsStop: !exit);
            }
        }

        if (invocation.Hooks.Count > 0)
        {
            var starting = new Dictionary<string, string>(scope, StringComparer.Ordinal) { [$"{prefix}.status"] = nameof(NodePhase.Running) };
            Fire(HookRules.Due(nodeName, invocation.Hooks, starting, fired.Names, run.Evaluator), starting, exit: false);
        }

        var result = await body();
        var ended = new Dictionary<string, string>(scope, StringComparer.Ordinal);
        AddVariables(ended, prefix, result);
        Fire(HookRules.Due(nodeName, invocation.Hooks, ended, fired.Names, run.Evaluator), ended, exit: false);
        if (HookRules.StepExit(nodeName, invocation, result.Phase.Completed(), ended, run.Evaluator) is { } exitHook)
        {
            Fire([exitHook], ended, exit: true);
        }

        return fired.Any ? result with { Failures = result.Failures.Concat(await fired.WhenAllAsync()).ToList() } : result;
    }

    /// <summary>Runs one hook (or exit handler) as a child orchestration, its arguments substituted in <paramref name="scope"/>.</summary>
    public async Task<NodeResult> RunHookAsync(DueHook hook, IReadOnlyDictionary<string, string> scope, string? boundaryName, bool hearsStop, IReadOnlyDictionary<string, string>? globals = null)
    {
        var arguments = await run.ArgumentsAsync(hook.Hook.Arguments, scope);
        var call = new NodeCall(hook.NodeName, hook.Hook.Template!, boundaryName, new NodeFlag(Hooked: true));
        return await run.CallTemplateAsync(call, arguments, globals ?? run.Globals, hearsStop);
    }

    /// <summary>The variables a finished node (or loop) adds under <paramref name="prefix"/>.</summary>
    public static void AddVariables(IDictionary<string, string> scope, string prefix, NodeResult result)
    {
        if (result.Iterations is { } iterations)
        {
            NodeVariables.AddAggregate(scope, prefix, result.Finished, iterations.Select(i => i.Finished).ToList());
        }
        else
        {
            NodeVariables.Add(scope, prefix, result.Finished);
        }
    }
}
