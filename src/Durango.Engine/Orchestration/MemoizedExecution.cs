using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A node of a template with <c>memoize</c>: its key is looked up in the cache (an activity); a hit is a Succeeded
/// node with the cached outputs that does not run; a miss runs the node (retries included) and, when it Succeeded,
/// saves its outputs. The node carries Argo's <c>memoizationStatus</c> either way. The rules are
/// <see cref="Memoization"/>'s.
/// </summary>
internal sealed class MemoizedExecution(OrchestrationRun run, NodeExecutor executor)
{
    /// <summary>Cache reads and writes only touch a store: a few retries, as for the engine's other store activities.</summary>
    private static readonly TaskOptions StoreOptions = StoreActivityOptions.Retrying;

    public async Task<NodeResult> RunAsync(NodeCall call, Template template, Memoize memoize, IReadOnlyDictionary<string, string> arguments)
    {
        var inputs = InputBinder.Bind(template.Inputs, arguments, run.Globals);
        if (inputs.Error is not null)
        {
            // The node cannot bind its inputs: the plain run reports that, as it would without memoize.
            return await executor.RunAsync(call, template, arguments, inline: false, progress: null);
        }

        var scope = new Dictionary<string, string>(run.Globals, StringComparer.Ordinal);
        foreach (var (name, value) in inputs.Variables())
        {
            scope[name] = value;
        }

        var key = Memoization.Key(memoize, await run.WithValuesAsync(scope, () => [memoize.Key]), run.Evaluator);
        var nodeInputs = inputs.Parameters.Count == 0 ? null : new NodeInputs(inputs.Parameters);
        var type = template.RetryStrategy is null ? NodeRecords.TypeOf(template.Body) : NodeType.Retry;
        if (key.Key is not { } cacheKey)
        {
            return NodeRecords.Complete(run, NodeRecords.Settled(run, call, type, template, NodePhase.Error, key.Error));
        }

        var nodeId = run.NodeId(call.Name);
        MemoEntry? entry;
        try
        {
            entry = await run.Context.CallActivityAsync<MemoEntry?>(
                DurangoTasks.MemoLoad, new MemoLoadInput(run.Workflow.Namespace, memoize.CacheName, cacheKey, run.Workflow.Name, nodeId), StoreOptions);
        }
        catch (TaskFailedException e)
        {
            return NodeRecords.Complete(run, NodeRecords.Settled(run, call, type, template, NodePhase.Error, $"memoization cache '{memoize.CacheName}': {e.FailureDetails.ErrorMessage}"));
        }

        if (Memoization.IsHit(entry, memoize.MaxAge, run.Now))
        {
            var hit = NodeRecords.Start(run, call, NodeRecords.TypeOf(template.Body), template, nodeInputs) with
            {
                Phase = NodePhase.Succeeded,
                Outputs = entry!.Outputs,
                FinishedAt = run.Now,
                MemoizationStatus = new MemoizationStatus(true, cacheKey, memoize.CacheName),
            };
            run.Publish(OutputResolver.Globals(template.Outputs, entry.Outputs));
            return NodeRecords.Complete(run, hit);
        }

        var result = await executor.RunAsync(call, template, arguments, inline: false, progress: null);

        NodeRecords.Amend(run, NodeRecords.Start(run, call, type, template) with { MemoizationStatus = new MemoizationStatus(false, cacheKey, memoize.CacheName) });
        if (result.Phase == NodePhase.Succeeded)
        {
            try
            {
                await run.Context.CallActivityAsync<bool>(
                    DurangoTasks.MemoSave, new MemoSaveInput(run.Workflow.Namespace, memoize.CacheName, cacheKey, nodeId, result.Outputs ?? NodeOutputs.None), StoreOptions);
            }
            catch (TaskFailedException)
            {
                // The node ran and Succeeded; a cache that cannot be written only means the next node runs too.
            }
        }

        return result;
    }
}
