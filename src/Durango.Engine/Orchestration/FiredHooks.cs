using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The lifecycle hooks one parent (a step, a task or the workflow) has fired, the same for all three: each hook fires
/// at most once (<see cref="Names"/> feeds <see cref="HookRules.Due"/>), runs as a child orchestration, and the parent
/// is done only when every hook it fired is; then each hook's node is linked under the parent's.
/// </summary>
internal sealed class FiredHooks(OrchestrationRun run, HookExecution hooks, string parentName)
{
    private readonly List<(string NodeId, Task<NodeResult> Run)> _runs = [];

    /// <summary>The names of the hooks fired so far.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>True when some hook has fired.</summary>
    public bool Any => _runs.Count > 0;

    /// <summary>Fires <paramref name="hook"/> (see <see cref="HookExecution.RunHookAsync"/>).</summary>
    public void Fire(DueHook hook, IReadOnlyDictionary<string, string> scope, string? boundaryName, bool hearsStop, IReadOnlyDictionary<string, string>? globals = null)
    {
        Names.Add(hook.Name);
        _runs.Add((run.NodeId(hook.NodeName), hooks.RunHookAsync(hook, scope, boundaryName, hearsStop, globals)));
    }

    /// <summary>Waits for every fired hook, links each under the parent, and gives their failures.</summary>
    public async Task<IReadOnlyList<FailedNode>> WhenAllAsync()
    {
        var done = await Task.WhenAll(_runs.Select(r => r.Run));
        foreach (var (id, _) in _runs)
        {
            NodeRecords.Link(run, parentName, id);
        }

        return done.SelectMany(h => h.Failures).ToList();
    }
}
