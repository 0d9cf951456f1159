namespace Durango.Api.Workflows;

/// <summary>A workflow to submit: its text, where it came from, and what the submitter overrides (argo's SubmitOpts).</summary>
/// <param name="Text">The YAML or JSON.</param>
/// <param name="File">The name to use in diagnostics (a file name, or <c>request</c>).</param>
/// <param name="Parameters">Workflow parameters to set (<c>-p name=value</c>).</param>
/// <param name="Name">A name instead of <c>metadata.name</c>.</param>
/// <param name="GenerateName">A prefix instead of <c>metadata.generateName</c>.</param>
public sealed record SubmitRequest(
    string Text,
    string File,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string? Name = null,
    string? GenerateName = null)
{
    /// <summary>The namespace to run in; null: the document's, else the default namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Labels to add to the document's.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations to add to the document's.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>An entrypoint instead of <c>spec.entrypoint</c>.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>Validate and answer the workflow as it would start, but start nothing (argo's dry runs).</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Start it but leave <see cref="SubmitOutcome.Workflow"/> null: for a caller that follows the workflow itself
    /// (<c>durango run</c>), so that no view is built for nobody.
    /// </summary>
    public bool WithoutView { get; init; }
}

/// <summary>How a submission ended.</summary>
public enum SubmitStatus
{
    /// <summary>The workflow started (or, for a dry run, would start).</summary>
    Accepted,

    /// <summary>The spec is invalid; nothing started.</summary>
    Invalid,

    /// <summary>A workflow of that name exists; nothing started.</summary>
    Conflict,
}

/// <summary>The outcome of a submission: the workflow as it started, or why it did not start.</summary>
/// <param name="Status">Accepted, Invalid or Conflict.</param>
/// <param name="Name">The workflow's name, when it has one.</param>
/// <param name="Uid">Its uid, when accepted.</param>
/// <param name="Diagnostics">Why it is invalid, or its warnings.</param>
/// <param name="Message">A one-line summary when not accepted.</param>
public sealed record SubmitOutcome(SubmitStatus Status, string? Name, string? Uid, IReadOnlyList<Core.Diagnostics.Diagnostic> Diagnostics, string? Message = null)
{
    /// <summary>The workflow as argo-server answers a create, when accepted.</summary>
    public WorkflowView? Workflow { get; init; }
}
