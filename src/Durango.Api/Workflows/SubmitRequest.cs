using Durango.Core.Diagnostics;

namespace Durango.Api.Workflows;

/// <summary>A workflow to submit: its text, where it came from, and what the submitter overrides.</summary>
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
    string? GenerateName = null);

/// <summary>How a submission ended.</summary>
public enum SubmitStatus
{
    /// <summary>The workflow started.</summary>
    Accepted,

    /// <summary>The spec is invalid; nothing started.</summary>
    Invalid,

    /// <summary>A workflow of that name exists; nothing started.</summary>
    Conflict,
}

/// <summary>The outcome of a submission: the workflow's name and uid, or why it did not start.</summary>
public sealed record SubmitOutcome(SubmitStatus Status, string? Name, string? Uid, IReadOnlyList<Diagnostic> Diagnostics, string? Message = null);
