using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Engine.Stores;

/// <summary>A stored WorkflowTemplate or ClusterWorkflowTemplate: its parsed document and the text it came from.</summary>
/// <param name="Document">The template.</param>
/// <param name="Source">The YAML or JSON it was installed from.</param>
/// <param name="CreatedAt">When it was installed.</param>
public sealed record StoredTemplate(WorkflowDocument Document, string Source, DateTimeOffset CreatedAt)
{
    /// <summary>The template's name.</summary>
    public string Name => Document.Metadata.Name ?? string.Empty;
}

/// <summary>The WorkflowTemplates and ClusterWorkflowTemplates that <c>templateRef</c> and <c>workflowTemplateRef</c> resolve against.</summary>
public interface ITemplateStore
{
    /// <summary>Installs or replaces <paramref name="template"/>.</summary>
    Task PutAsync(StoredTemplate template, CancellationToken cancellationToken = default);

    /// <summary>Every template of <paramref name="kind"/>, by name.</summary>
    Task<IReadOnlyList<StoredTemplate>> ListAsync(WorkflowKind kind, CancellationToken cancellationToken = default);

    /// <summary>The template of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    Task<StoredTemplate?> GetAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a template; false when there was none.</summary>
    Task<bool> DeleteAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default);
}

/// <summary>Helpers over any <see cref="ITemplateStore"/>.</summary>
public static class TemplateStores
{
    /// <summary>
    /// A registry for validating and resolving a submission in <paramref name="namespace"/>: the WorkflowTemplates of
    /// that namespace (those without one count as <paramref name="defaultNamespace"/>'s) and every ClusterWorkflowTemplate.
    /// </summary>
    public static async Task<ITemplateRegistry> SnapshotAsync(
        this ITemplateStore store, string @namespace, string defaultNamespace, CancellationToken cancellationToken = default)
    {
        var namespaced = (await store.ListAsync(WorkflowKind.WorkflowTemplate, cancellationToken).ConfigureAwait(false))
            .Where(t => (t.Document.Metadata.Namespace ?? defaultNamespace) == @namespace);
        var cluster = await store.ListAsync(WorkflowKind.ClusterWorkflowTemplate, cancellationToken).ConfigureAwait(false);
        return new InMemoryTemplateRegistry(namespaced.Concat(cluster).Select(t => t.Document));
    }
}
