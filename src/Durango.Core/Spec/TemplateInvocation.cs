using System.Text.Json.Nodes;

namespace Durango.Core.Spec;

/// <summary>What a step and a DAG task have in common: which template to call, with what, and when.</summary>
public abstract record TemplateInvocation
{
    /// <summary>The step or task name.</summary>
    public required string Name { get; init; }

    /// <summary>A template of this spec.</summary>
    public string? Template { get; init; }

    /// <summary>A template of a stored WorkflowTemplate or ClusterWorkflowTemplate.</summary>
    public TemplateRef? TemplateRef { get; init; }

    /// <summary>A template defined in place (Argo's <c>inline</c>).</summary>
    public Template? Inline { get; init; }

    /// <summary>Arguments passed to the template.</summary>
    public Arguments Arguments { get; init; } = Arguments.None;

    /// <summary>A govaluate condition; false makes the node Skipped.</summary>
    public string? When { get; init; }

    /// <summary>Run once per item, in parallel.</summary>
    public IReadOnlyList<JsonNode?>? WithItems { get; init; }

    /// <summary>Run once per element of a JSON array, in parallel.</summary>
    public string? WithParam { get; init; }

    /// <summary>Run once per number of a sequence, in parallel.</summary>
    public Sequence? WithSequence { get; init; }

    /// <summary>Carry on after this node fails or errors.</summary>
    public ContinueOn? ContinueOn { get; init; }

    /// <summary>Lifecycle hooks of this node.</summary>
    public IReadOnlyDictionary<string, LifecycleHook> Hooks { get; init; } = EmptyMap.Hooks;

    /// <summary>A node-level exit handler (deprecated in Argo in favour of <c>hooks.exit</c>).</summary>
    public string? OnExit { get; init; }

    /// <summary>True when the node expands into one child per loop item.</summary>
    public bool IsLoop => WithItems is not null || WithParam is not null || WithSequence is not null;
}

/// <summary>A step of a steps template.</summary>
public sealed record WorkflowStep : TemplateInvocation;

/// <summary>A task of a DAG template.</summary>
public sealed record DagTask : TemplateInvocation
{
    /// <summary>Tasks that must succeed first (the old form).</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>An enhanced-depends expression (<c>A &amp;&amp; (B.Failed || C)</c>).</summary>
    public string? Depends { get; init; }
}

/// <summary>A template in a stored WorkflowTemplate or ClusterWorkflowTemplate.</summary>
public sealed record TemplateRef(string Name, string Template, bool ClusterScope);

/// <summary><c>withSequence</c>: either <c>count</c> or <c>start</c>..<c>end</c>, with a printf format.</summary>
public sealed record Sequence(string? Count, string? Start, string? End, string? Format);

/// <summary>Which failures a step tolerates.</summary>
public sealed record ContinueOn(bool Failed, bool Error);

/// <summary>A lifecycle hook: run a template when the expression first turns true.</summary>
public sealed record LifecycleHook
{
    /// <summary>The hook name that makes a hook an exit handler.</summary>
    public const string ExitHookName = "exit";

    /// <summary>The template to run.</summary>
    public string? Template { get; init; }

    /// <summary>Or a template of a stored template.</summary>
    public TemplateRef? TemplateRef { get; init; }

    /// <summary>Arguments passed to the template.</summary>
    public Arguments Arguments { get; init; } = Arguments.None;

    /// <summary>The expr-lang condition; required for every hook but <c>exit</c>.</summary>
    public string? Expression { get; init; }
}

/// <summary>How a template is retried.</summary>
public sealed record RetryStrategy
{
    /// <summary>The number of retries (attempts = limit + 1); int or string.</summary>
    public string? Limit { get; init; }

    /// <summary><c>Always</c>, <c>OnFailure</c> (default), <c>OnError</c>, <c>OnTransientError</c>.</summary>
    public string? RetryPolicy { get; init; }

    /// <summary>Delay between attempts.</summary>
    public Backoff? Backoff { get; init; }

    /// <summary>An expr-lang condition over <c>lastRetry.*</c>; false stops retrying.</summary>
    public string? Expression { get; init; }
}

/// <summary>Retry back-off: <c>duration * factor^n</c>, at most <c>cap</c> per wait, within <c>maxDuration</c> of the first attempt.</summary>
public sealed record Backoff(string? Duration, string? Factor, string? MaxDuration)
{
    /// <summary>The longest single wait (Argo's <c>backoff.cap</c>).</summary>
    public string? Cap { get; init; }
}
