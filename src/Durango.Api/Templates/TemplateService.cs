using Durango.Api.Workflows;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine.Stores;

namespace Durango.Api.Templates;

/// <summary>How installing a template ended.</summary>
/// <param name="Template">The installed template, or null when it was invalid.</param>
/// <param name="Diagnostics">Why it is invalid, or its warnings.</param>
/// <param name="Message">A one-line summary when it is invalid.</param>
public sealed record TemplateOutcome(StoredTemplate? Template, IReadOnlyList<Diagnostic> Diagnostics, string? Message = null);

/// <summary>
/// The WorkflowTemplate and ClusterWorkflowTemplate registry: installing (validated like <c>argo template lint</c>),
/// listing, reading and deleting templates, and submitting a workflow from one (<c>workflowTemplateRef</c>).
/// </summary>
public sealed class TemplateService(ITemplateStore store, WorkflowService workflows, TimeProvider time)
{
    /// <summary>Validates and installs the one template of <paramref name="kind"/> in <paramref name="text"/>.</summary>
    public async Task<TemplateOutcome> PutAsync(WorkflowKind kind, string text, string file, CancellationToken cancellationToken = default)
    {
        var load = WorkflowLoader.Load(text, file);
        if (load.HasErrors)
        {
            return Invalid(load.Diagnostics);
        }

        var documents = load.Documents.Where(d => d.Document.Kind == kind).ToList();
        if (documents.Count != 1 || load.Documents.Count != 1)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.UnknownKind,
                $"send exactly one {kind}; found {string.Join(", ", load.Documents.Select(d => d.Document.Kind))}",
                "kind", new SourceLocation(file, 1, 1))]);
        }

        var loaded = documents[0];
        if (string.IsNullOrEmpty(loaded.Document.Metadata.Name))
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.Required, $"a {kind} needs metadata.name; workflows refer to it by that name",
                "metadata", loaded.SourceMap.Locate("metadata"))]);
        }

        var others = (await store.ListAsync(WorkflowKind.WorkflowTemplate, cancellationToken).ConfigureAwait(false))
            .Concat(await store.ListAsync(WorkflowKind.ClusterWorkflowTemplate, cancellationToken).ConfigureAwait(false))
            .Select(t => t.Document).Append(loaded.Document);
        var diagnostics = WorkflowValidator.Validate(loaded, new InMemoryTemplateRegistry(others));
        if (diagnostics.Any(d => d.IsError))
        {
            return Invalid(diagnostics);
        }

        var stored = new StoredTemplate(loaded.Document, text, time.GetUtcNow());
        await store.PutAsync(stored, cancellationToken).ConfigureAwait(false);
        return new TemplateOutcome(stored, diagnostics);
    }

    /// <summary>Every template of <paramref name="kind"/>.</summary>
    public Task<IReadOnlyList<StoredTemplate>> ListAsync(WorkflowKind kind, CancellationToken cancellationToken = default) =>
        store.ListAsync(kind, cancellationToken);

    /// <summary>The template of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    public Task<StoredTemplate?> GetAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default) =>
        store.GetAsync(kind, name, cancellationToken);

    /// <summary>Deletes a template; false when there was none.</summary>
    public Task<bool> DeleteAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(kind, name, cancellationToken);

    /// <summary>Starts a workflow from template <paramref name="name"/>, as <c>argo submit --from</c> does; null when there is no such template.</summary>
    public async Task<SubmitOutcome?> SubmitAsync(
        WorkflowKind kind, string name, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(kind, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var clusterScope = kind == WorkflowKind.ClusterWorkflowTemplate ? ", clusterScope: true" : string.Empty;
        var text = $"apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{generateName: {name}-}}\nspec:\n  workflowTemplateRef: {{name: {name}{clusterScope}}}\n";
        return await workflows.SubmitAsync(new SubmitRequest(text, $"{name} (from template)", parameters), cancellationToken).ConfigureAwait(false);
    }

    private static TemplateOutcome Invalid(IReadOnlyList<Diagnostic> diagnostics) =>
        new(null, diagnostics, $"the template is invalid: {diagnostics.Count(d => d.IsError)} error(s); nothing was installed");
}
