using Durango.Core.Spec;

namespace Durango.Core.Validation;

/// <summary>Stored WorkflowTemplates and ClusterWorkflowTemplates that <c>templateRef</c> resolves against.</summary>
public interface ITemplateRegistry
{
    /// <summary>The stored template named <paramref name="name"/> in the given scope, or null.</summary>
    WorkflowDocument? Find(string name, bool clusterScope);
}

/// <summary>A registry over documents in memory, e.g. every file given to <c>durango lint</c>.</summary>
public sealed class InMemoryTemplateRegistry : ITemplateRegistry
{
    private readonly Dictionary<(string, bool), WorkflowDocument> _documents = new();

    /// <summary>Creates a registry holding the template kinds among <paramref name="documents"/>.</summary>
    public InMemoryTemplateRegistry(IEnumerable<WorkflowDocument> documents)
    {
        foreach (var document in documents)
        {
            if (!document.Kind.IsRunnable() && document.Metadata.Name is { } name)
            {
                _documents[(name, document.Kind == WorkflowKind.ClusterWorkflowTemplate)] = document;
            }
        }
    }

    /// <summary>An empty registry.</summary>
    public static InMemoryTemplateRegistry Empty { get; } = new([]);

    /// <inheritdoc/>
    public WorkflowDocument? Find(string name, bool clusterScope) =>
        _documents.GetValueOrDefault((name, clusterScope));
}
