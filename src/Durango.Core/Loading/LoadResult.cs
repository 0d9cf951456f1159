using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>One document read from a file, with the map back to its lines and columns.</summary>
public sealed record LoadedDocument(WorkflowDocument Document, SourceMap SourceMap, int Index);

/// <summary>What loading a file produced: the documents it could read and every diagnostic on the way.</summary>
public sealed record LoadResult(IReadOnlyList<LoadedDocument> Documents, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
