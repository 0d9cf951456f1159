using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>Where a node sits in the tree and which template it runs.</summary>
/// <param name="Name">The full node name (<c>wf[0].step1</c>).</param>
/// <param name="TemplateKey">The key of the template in <see cref="Durango.Core.Resolution.ResolvedWorkflow.Templates"/>.</param>
/// <param name="BoundaryName">The name of the steps or DAG node the node belongs to; null at the top.</param>
/// <param name="Flag">Argo's node flags (a hook, a retried attempt).</param>
public sealed record NodeCall(string Name, string TemplateKey, string? BoundaryName, NodeFlag? Flag = null)
{
    /// <summary>The name shown in trees.</summary>
    public string DisplayName => NodeNames.DisplayName(Name, BoundaryName);
}
