using System.Globalization;
using Durango.Core.Expressions;

namespace Durango.Engine.Semantics;

/// <summary>
/// The caps that keep one runaway workflow from taking the host down (configuration section
/// <c>Durango:Limits</c>): how deep templates may nest (Argo's maximum stack depth), how many nodes a workflow may
/// have, and how many items one loop may expand to. Each check is a pure function that returns the message the
/// workflow fails with, naming the setting, or null when the limit holds.
/// </summary>
/// <remarks>
/// The root orchestration reads the limits once and hands them to every child in its input, so that replay and
/// children see the same values even if the configuration changes while a workflow runs.
/// </remarks>
public sealed class WorkflowLimits
{
    /// <summary>Argo's message when templates nest deeper than the controller's maximum stack depth (word for word).</summary>
    public const string MaxDepthExceeded = "Maximum recursion depth exceeded";

    /// <summary>How deep templates may nest (steps, DAGs, hooks and exit handlers calling templates); Argo's default is 100.</summary>
    public int MaxDepth { get; set; } = 100;

    /// <summary>
    /// How many nodes one workflow may have. Each node costs history, a record in the node store and usually a
    /// process; 20,000 leaves room for the largest loop (<see cref="MaxLoopItems"/>) twice over.
    /// </summary>
    public int MaxNodes { get; set; } = 20_000;

    /// <summary>
    /// How many items one <c>withItems</c>, <c>withParam</c> or <c>withSequence</c> may expand to. A fan-out is one
    /// orchestration's history, which every step of it replays: 10,000 keeps that history in the tens of MB.
    /// </summary>
    public int MaxLoopItems { get; set; } = 10_000;

    /// <summary>
    /// How many children of one step group, DAG or loop run at once when neither the template nor the workflow sets
    /// <c>parallelism</c> (0: no cap). Durable runs activities first come, first served: without a cap, one large
    /// fan-out queues all its steps ahead of every other workflow's. 32 leaves the in-memory backend's other 32
    /// activity slots to other workflows; a fan-out still runs as fast as the host spawns steps.
    /// </summary>
    public int DefaultParallelism { get; set; } = 32;

    /// <summary>
    /// The caps on expressions (result size, depth, steps, regular expressions), read from the same section
    /// (<c>Durango:Limits:ExpressionResultChars</c>, ...): every orchestration of the workflow evaluates with them.
    /// </summary>
    public ExpressionLimits Expressions { get; set; } = ExpressionLimits.Default;

    /// <summary>The parallelism of a fan-out: <paramref name="configured"/> (the template's or workflow's) or <see cref="DefaultParallelism"/>.</summary>
    public int? Parallelism(int? configured) => configured ?? (DefaultParallelism > 0 ? DefaultParallelism : null);

    /// <summary>The message when a template would run at nesting <paramref name="depth"/> (the entrypoint is 1), or null.</summary>
    public string? CheckDepth(int depth) => depth > MaxDepth
        ? Invariant($"{MaxDepthExceeded}: templates nest deeper than {MaxDepth} (Durango:Limits:MaxDepth)")
        : null;

    /// <summary>The message when a workflow has <paramref name="nodes"/> nodes, or null.</summary>
    public string? CheckNodes(int nodes) => nodes > MaxNodes
        ? Invariant($"workflow has more than {MaxNodes} nodes (Durango:Limits:MaxNodes)")
        : null;

    /// <summary>The message when loop <paramref name="kind"/> (<c>withSequence</c>, ...) has <paramref name="items"/> items, or null.</summary>
    public string? CheckLoop(string kind, long items) => items > MaxLoopItems
        ? Invariant($"{kind} has {items} items, more than {MaxLoopItems} (Durango:Limits:MaxLoopItems)")
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
