using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Api.Workflows;

/// <content>Submission: load, validate, resolve, start — or say precisely why not, and start nothing.</content>
public sealed partial class WorkflowService
{
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
                $"submit exactly one Workflow; found {workflows.Count} (create WorkflowTemplates and ClusterWorkflowTemplates through their own routes)",
                string.Empty, new SourceLocation(request.File, 1, 1))]);
        }

        var loaded = workflows[0];
        var metadata = loaded.Document.Metadata;
        var @namespace = request.Namespace ?? metadata.Namespace ?? options.Namespace;
        if (metadata.Namespace is { } written && written != @namespace)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.BadName,
                $"the workflow's metadata.namespace '{written}' does not match the namespace '{@namespace}' of the request; remove it or submit to '{written}'",
                "metadata.namespace", loaded.SourceMap.Locate("metadata.namespace"))]);
        }

        var name = request.Name ?? (request.GenerateName is { } prefix ? Generate(prefix) : metadata.Name ?? Generate(metadata.GenerateName));
        var nameError = KubernetesNames.Check(name, "name");
        var namespaceError = KubernetesNames.CheckLabel(@namespace, "namespace");
        if (nameError is not null || namespaceError is not null)
        {
            var path = nameError is null ? "metadata.namespace" : "metadata";
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.BadName, nameError ?? namespaceError!, path, loaded.SourceMap.Locate(path))]);
        }

        var document = loaded.Document with
        {
            Metadata = metadata with
            {
                Namespace = @namespace,
                Labels = Merge(Merge(metadata.Labels, ArgoLabels.OfTemplateRef(loaded.Document.Spec.WorkflowTemplateRef)), request.Labels),
                Annotations = Merge(metadata.Annotations, request.Annotations),
            },
            Spec = request.Entrypoint is { } entrypoint ? loaded.Document.Spec with { Entrypoint = entrypoint } : loaded.Document.Spec,
        };
        loaded = loaded with { Document = document };
        var registry = await templates.SnapshotAsync(@namespace, options.Namespace, cancellationToken).ConfigureAwait(false);
        var diagnostics = WorkflowValidator.Validate(loaded, registry);
        if (diagnostics.Any(d => d.IsError))
        {
            return Invalid(diagnostics);
        }

        var submission = new Submission(document, name!, Guid.NewGuid().ToString(), time.GetUtcNow(), request.Parameters);
        var resolution = SpecResolver.Resolve(submission, registry);
        if (resolution.Workflow is not { } workflow)
        {
            return Invalid(resolution.Diagnostics.Select(d => d with { Location = d.Location ?? loaded.SourceMap.Locate(d.Path) }).ToList());
        }

        var (withConfigMaps, configMapErrors) = ConfigMapParameters.Resolve(workflow, configMaps.Get);
        if (configMapErrors.Count > 0)
        {
            return Invalid(configMapErrors.Select(e => new Diagnostic(Severity.Error, DiagnosticCodes.MissingParameter, e,
                "spec.arguments.parameters", loaded.SourceMap.Locate("spec.arguments.parameters"))));
        }

        workflow = withConfigMaps;
        var warnings = diagnostics.Where(d => !d.IsError).ToList();
        var input = new WorkflowRunInput(workflow, request.Text, loaded.Index, request.Carried?.Reuse);
        if (request.DryRun)
        {
            return new SubmitOutcome(SubmitStatus.Accepted, name, workflow.Uid, warnings) { Workflow = Pending(input) };
        }

        if (await client.GetInstancesAsync(name!, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            var where = WorkflowTags.Read(existing)?.Namespace;
            return new SubmitOutcome(SubmitStatus.Conflict, name, null, [], where is null || where == @namespace
                ? $"workflow '{name}' already exists; delete it or choose another name"
                : $"workflow '{name}' already exists in namespace '{where}' (Durango's workflow names are unique across namespaces); choose another name");
        }

        if (request.Carried is { } carried)
        {
            // Written before the run starts, which only adds to them.
            await nodes.ReplaceAsync(name!, carried.Records, cancellationToken).ConfigureAwait(false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            DurangoTasks.Workflow, input, new StartOrchestrationOptions(name) { Tags = WorkflowTags.Of(workflow) }, cancellationToken).ConfigureAwait(false);
        // As argo-server answers a create: the workflow as it was created, not read back. Nothing of it has run that the
        // answer should show, and a backend may not give the input back yet (WorkflowInputs).
        return new SubmitOutcome(SubmitStatus.Accepted, name, workflow.Uid, warnings) { Workflow = Pending(input) };
    }

    /// <summary>The workflow of <paramref name="input"/> as it looks before it starts.</summary>
    private WorkflowView Pending(WorkflowRunInput input)
    {
        var workflow = input.Workflow;
        var metadata = new WorkflowMetadataView(workflow.Name, workflow.Namespace, workflow.Uid, workflow.CreationTimestamp,
            ArgoLabels.WithStatus(workflow.Labels, WorkflowPhase.Pending), workflow.Annotations);
        var spec = input.Source is null ? null : _specs.Of(workflow.Name, input.Source, input.DocumentIndex, workflow.Parameters);
        return new WorkflowView(metadata, spec, new WorkflowStatusView { Phase = WorkflowPhase.Pending });
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> written, IReadOnlyDictionary<string, string>? extra)
    {
        if (extra is null || extra.Count == 0)
        {
            return written;
        }

        var merged = new Dictionary<string, string>(written, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static SubmitOutcome Invalid(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var errors = list.Count(d => d.IsError);
        return new SubmitOutcome(SubmitStatus.Invalid, null, null, list, $"the workflow is invalid: {errors} error(s); nothing was started");
    }

    /// <summary>Kubernetes' <c>generateName</c>: the prefix and five random characters.</summary>
    private static string? Generate(string? prefix) => prefix is null ? null : KubernetesNames.Generate(prefix);
}
