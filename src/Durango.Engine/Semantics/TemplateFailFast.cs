using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's template-level <c>failFast</c> (upstream workflow/controller/operator.go, checkParallelism): once a child of
/// a steps or DAG template with <c>failFast: true</c> has Failed or Errored, no further child starts, and when the
/// running ones have ended the template's node (and, for steps, its group) fails with <see cref="Message"/>.
/// </summary>
public static class TemplateFailFast
{
    /// <summary>The message upstream gives the node.</summary>
    public const string Message = "template has failed or errored children and failFast enabled";

    /// <summary>True when <paramref name="template"/> stops at its first unsuccessful child and one of <paramref name="children"/> is.</summary>
    public static bool Tripped(Template template, IEnumerable<NodePhase> children) =>
        template.FailFast == true && children.Any(p => p.FailedOrError());
}
