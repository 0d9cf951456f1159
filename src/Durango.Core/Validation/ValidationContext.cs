using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Resolution;
using Durango.Core.Spec;

namespace Durango.Core.Validation;

/// <summary>The document under validation, the registry it may refer to, and the diagnostics found so far.</summary>
internal sealed class ValidationContext
{
    private readonly List<Diagnostic> _diagnostics = [];

    public ValidationContext(LoadedDocument loaded, ITemplateRegistry registry)
    {
        Loaded = loaded;
        Registry = registry;
        var referenced = loaded.Document.Spec.WorkflowTemplateRef is { } wtr ? registry.Find(wtr.Name, wtr.ClusterScope) : null;
        Spec = referenced is null ? loaded.Document.Spec : WorkflowTemplateMerge.Merge(loaded.Document.Spec, referenced.Spec);
        for (var i = 0; i < loaded.Document.Spec.Templates.Count; i++)
        {
            TemplateIndex.TryAdd(loaded.Document.Spec.Templates[i].Name, i);
        }
    }

    public LoadedDocument Loaded { get; }

    public WorkflowDocument Document => Loaded.Document;

    /// <summary>The spec to check: the document's own, or merged over its <c>workflowTemplateRef</c>.</summary>
    public WorkflowSpec Spec { get; }

    public ITemplateRegistry Registry { get; }

    /// <summary>Index of each template in the document's own list, for paths.</summary>
    public Dictionary<string, int> TemplateIndex { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public Template? FindTemplate(string? name) => name is null ? null : Spec.Templates.FirstOrDefault(t => t.Name == name);

    public string TemplatePath(Template template) =>
        TemplateIndex.TryGetValue(template.Name, out var index) ? $"spec.templates[{index}]" : "spec.workflowTemplateRef";

    public void Error(string code, string path, string message) => Report(Severity.Error, code, path, message);

    public void Warning(string code, string path, string message) => Report(Severity.Warning, code, path, message);

    private void Report(Severity severity, string code, string path, string message) =>
        _diagnostics.Add(new Diagnostic(severity, code, message, Document.Kind == WorkflowKind.CronWorkflow ? CronSpecReader.Display(path) : path, Loaded.SourceMap.Locate(path)));
}
