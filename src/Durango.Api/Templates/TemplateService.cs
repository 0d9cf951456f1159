using Durango.Api.Workflows;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine.Stores;

namespace Durango.Api.Templates;

/// <summary>How a template request ended.</summary>
public enum TemplateStatus
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>The template is invalid; nothing changed.</summary>
    Invalid,

    /// <summary>Create: a template of that name exists.</summary>
    Exists,

    /// <summary>Update: there is no such template.</summary>
    Missing,

    /// <summary>Update: the given resourceVersion is not the current one.</summary>
    Stale,
}

/// <summary>How installing a template ended.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Template">The template as stored (or, for a lint, as it would be).</param>
/// <param name="Diagnostics">Why it is invalid, or its warnings.</param>
/// <param name="Message">A one-line summary when not done.</param>
public sealed record TemplateOutcome(TemplateStatus Status, StoredTemplate? Template, IReadOnlyList<Diagnostic> Diagnostics, string? Message = null);

/// <summary>
/// The WorkflowTemplate and ClusterWorkflowTemplate registry: creating, updating and linting (validated like
/// <c>argo template lint</c>), listing, reading and deleting templates, and submitting a workflow from one. A
/// WorkflowTemplate belongs to a namespace (its names are unique across namespaces); a ClusterWorkflowTemplate to none.
/// </summary>
public sealed class TemplateService(ITemplateStore store, WorkflowService workflows, TimeProvider time)
{
    /// <summary>How a template is written to the store.</summary>
    public enum Write
    {
        /// <summary>Validate only.</summary>
        Lint,

        /// <summary>Create; an existing one is a conflict.</summary>
        Create,

        /// <summary>Replace an existing one.</summary>
        Update,
    }

    /// <summary>Validates the one template of <paramref name="kind"/> in <paramref name="text"/> and, unless linting, stores it.</summary>
    public async Task<TemplateOutcome> PutAsync(
        WorkflowKind kind, string? @namespace, string text, string file, Write write, string? resourceVersion = null, string? expectedName = null,
        CancellationToken cancellationToken = default)
    {
        var load = WorkflowLoader.Load(text, file);
        if (load.HasErrors)
        {
            return Invalid(load.Diagnostics);
        }

        if (load.Documents.Count != 1 || load.Documents[0].Document.Kind != kind)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.UnknownKind,
                $"send exactly one {kind}; found {string.Join(", ", load.Documents.Select(d => d.Document.Kind))}", "kind", new SourceLocation(file, 1, 1))]);
        }

        var loaded = load.Documents[0];
        var metadata = loaded.Document.Metadata;
        var nameError = string.IsNullOrEmpty(metadata.Name) ? $"a {kind} needs metadata.name; workflows refer to it by that name" : KubernetesNames.Check(metadata.Name, "name");
        if (nameError is not null)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.Required, nameError, "metadata", loaded.SourceMap.Locate("metadata"))]);
        }

        if (expectedName is not null && metadata.Name != expectedName)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.BadName,
                $"the template is named '{metadata.Name}' but the URL names '{expectedName}'", "metadata.name", loaded.SourceMap.Locate("metadata.name"))]);
        }

        if (kind == WorkflowKind.WorkflowTemplate && metadata.Namespace is { } written && written != @namespace)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.BadName,
                $"metadata.namespace '{written}' does not match the namespace '{@namespace}' of the request", "metadata.namespace", loaded.SourceMap.Locate("metadata.namespace"))]);
        }

        var scoped = kind == WorkflowKind.WorkflowTemplate ? @namespace : null;
        var document = loaded.Document with { Metadata = metadata with { Namespace = scoped } };
        var registry = await store.SnapshotAsync(scoped ?? workflows.DefaultNamespace, workflows.DefaultNamespace, cancellationToken).ConfigureAwait(false);
        var diagnostics = WorkflowValidator.Validate(loaded with { Document = document }, new TemplateRegistryWith(registry, document));
        if (diagnostics.Any(d => d.IsError))
        {
            return Invalid(diagnostics);
        }

        var existing = await store.GetAsync(kind, metadata.Name!, cancellationToken).ConfigureAwait(false);
        var stored = new StoredTemplate(document, StoredSource(text, loaded.Index, scoped), time.GetUtcNow());
        switch (write)
        {
            case Write.Lint:
                return new TemplateOutcome(TemplateStatus.Done, stored, diagnostics);
            case Write.Create when existing is not null:
                return new TemplateOutcome(TemplateStatus.Exists, null, [], existing.Document.Metadata.Namespace is { } other && other != scoped
                    ? $"{kind} '{metadata.Name}' already exists in namespace '{other}' (Durango's template names are unique across namespaces)"
                    : $"{kind} '{metadata.Name}' already exists; update it with PUT or delete it first");
            case Write.Update when existing is null || existing.Document.Metadata.Namespace != scoped:
                return new TemplateOutcome(TemplateStatus.Missing, null, [], $"{kind} '{metadata.Name}' not found; create it with POST");
            case Write.Update when resourceVersion is not null && resourceVersion != TemplateView.Version(existing!):
                return new TemplateOutcome(TemplateStatus.Stale, null, [],
                    $"{kind} '{metadata.Name}' has changed since resourceVersion {resourceVersion} (now {TemplateView.Version(existing!)}); get it again and reapply your change");
        }

        await store.PutAsync(stored, cancellationToken).ConfigureAwait(false);
        return new TemplateOutcome(TemplateStatus.Done, stored, diagnostics);
    }

    /// <summary>Every template of <paramref name="kind"/> (in <paramref name="namespace"/>, for WorkflowTemplates).</summary>
    public async Task<IReadOnlyList<StoredTemplate>> ListAsync(WorkflowKind kind, string? @namespace, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(kind, cancellationToken).ConfigureAwait(false)).Where(t => InScope(t, @namespace)).ToList();

    /// <summary>The template of <paramref name="kind"/> named <paramref name="name"/> (in <paramref name="namespace"/>), or null.</summary>
    public async Task<StoredTemplate?> GetAsync(WorkflowKind kind, string? @namespace, string name, CancellationToken cancellationToken = default) =>
        await store.GetAsync(kind, name, cancellationToken).ConfigureAwait(false) is { } template && InScope(template, @namespace) ? template : null;

    /// <summary>Deletes a template; false when there was none.</summary>
    public async Task<bool> DeleteAsync(WorkflowKind kind, string? @namespace, string name, CancellationToken cancellationToken = default) =>
        await GetAsync(kind, @namespace, name, cancellationToken).ConfigureAwait(false) is not null
        && await store.DeleteAsync(kind, name, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Starts a workflow in <paramref name="namespace"/> from template <paramref name="name"/>, as <c>argo submit --from</c>
    /// does (a <c>workflowTemplateRef</c>, labelled with the template); null when there is no such template.
    /// </summary>
    public async Task<SubmitOutcome?> SubmitAsync(WorkflowKind kind, string @namespace, string name, SubmitOptions options, CancellationToken cancellationToken = default)
    {
        var scope = kind == WorkflowKind.ClusterWorkflowTemplate ? null : @namespace;
        if (await GetAsync(kind, scope, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var clusterScope = kind == WorkflowKind.ClusterWorkflowTemplate ? ", clusterScope: true" : string.Empty;
        var text = $"apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{generateName: {name}-}}\nspec:\n  workflowTemplateRef: {{name: {name}{clusterScope}}}\n";
        var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal)
        {
            [kind == WorkflowKind.ClusterWorkflowTemplate ? ArgoLabels.ClusterWorkflowTemplate : ArgoLabels.WorkflowTemplate] = name,
        };
        var request = new SubmitRequest(text, $"{name} (from {kind})", options.Parameters, options.Name, options.GenerateName)
        {
            Namespace = @namespace,
            Labels = labels,
            Annotations = options.Annotations,
            Entrypoint = options.Entrypoint,
            DryRun = options.DryRun,
        };
        return await workflows.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool InScope(StoredTemplate template, string? @namespace) =>
        template.Document.Kind == WorkflowKind.ClusterWorkflowTemplate || template.Document.Metadata.Namespace == @namespace;

    /// <summary>The text to store: the document as JSON with its namespace written in, so it survives a round trip through the store.</summary>
    private static string StoredSource(string text, int index, string? @namespace)
    {
        var json = YamlJson.Convert(text, index)!;
        if (json["metadata"] is System.Text.Json.Nodes.JsonObject metadata)
        {
            metadata.Remove("namespace");
            if (@namespace is not null)
            {
                metadata["namespace"] = @namespace;
            }
        }

        return json.ToJsonString();
    }

    private static TemplateOutcome Invalid(IReadOnlyList<Diagnostic> diagnostics) =>
        new(TemplateStatus.Invalid, null, diagnostics, $"the template is invalid: {diagnostics.Count(d => d.IsError)} error(s); nothing was installed");

    /// <summary>A registry that also holds the template being validated, so it may refer to itself.</summary>
    private sealed class TemplateRegistryWith(ITemplateRegistry inner, WorkflowDocument self) : ITemplateRegistry
    {
        public WorkflowDocument? Find(string name, bool clusterScope) =>
            self.Metadata.Name == name && (self.Kind == WorkflowKind.ClusterWorkflowTemplate) == clusterScope ? self : inner.Find(name, clusterScope);
    }
}
