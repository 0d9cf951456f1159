using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine;
using Durango.Engine.Orchestration;
using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Api.Workflows;

/// <content>Submission: load, validate, resolve, start — or say precisely why not, and start nothing.</content>
public sealed partial class WorkflowService
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Validates and starts the workflow in <paramref name="request"/>.</summary>
    public async Task<SubmitOutcome> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken = default)
    {
        var load = WorkflowLoader.Load(request.Text, request.File);
        if (load.HasErrors)
        {
            return Invalid(load.Diagnostics);
        }

        var workflows = load.Documents.Where(d => d.Document.Kind == WorkflowKind.Workflow).ToList();
        if (workflows.Count != 1)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.UnknownKind,
                $"submit exactly one Workflow; found {workflows.Count} (install WorkflowTemplates and ClusterWorkflowTemplates with the template commands)",
                string.Empty, new SourceLocation(request.File, 1, 1))]);
        }

        var loaded = workflows[0];
        var registry = await templates.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var diagnostics = WorkflowValidator.Validate(loaded, registry);
        if (diagnostics.Any(d => d.IsError))
        {
            return Invalid(diagnostics);
        }

        var metadata = loaded.Document.Metadata;
        var name = request.Name ?? (request.GenerateName is { } prefix ? Generate(prefix) : metadata.Name ?? Generate(metadata.GenerateName));
        if (name is null || !ValidName().IsMatch(name) || name.Length > 200)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.Required, name is null
                    ? "the workflow needs metadata.name or metadata.generateName"
                    : $"name '{name}' must be lowercase letters, digits, '-' and '.', start and end with a letter or digit, and be at most 200 characters",
                "metadata", loaded.SourceMap.Locate("metadata"))]);
        }

        var submission = new Submission(loaded.Document, name, Guid.NewGuid().ToString(), time.GetUtcNow(), request.Parameters);
        var resolution = SpecResolver.Resolve(submission, registry);
        if (resolution.Workflow is not { } workflow)
        {
            return Invalid(resolution.Diagnostics.Select(d => d with { Location = d.Location ?? loaded.SourceMap.Locate(d.Path) }).ToList());
        }

        if (await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new SubmitOutcome(SubmitStatus.Conflict, name, null, [], $"workflow '{name}' already exists; delete it or choose another name");
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            DurangoTasks.Workflow, new WorkflowRunInput(workflow, request.Text, loaded.Index), new StartOrchestrationOptions(name), cancellationToken).ConfigureAwait(false);
        return new SubmitOutcome(SubmitStatus.Accepted, name, workflow.Uid, diagnostics.Where(d => !d.IsError).ToList());
    }

    private static SubmitOutcome Invalid(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var errors = list.Count(d => d.IsError);
        return new SubmitOutcome(SubmitStatus.Invalid, null, null, list, $"the workflow is invalid: {errors} error(s); nothing was started");
    }

    /// <summary>Kubernetes' <c>generateName</c>: the prefix and five random characters.</summary>
    private static string? Generate(string? prefix) =>
        prefix is null ? null : prefix + new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)]).ToArray());

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex ValidName();
}
