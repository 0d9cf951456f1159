using Durango.Engine.Stores;

namespace Durango.Api.Http;

/// <summary>Where to find and control a workflow.</summary>
public sealed record WorkflowLinks(string Self, string Log, string Stop, string Terminate, string Suspend, string Resume, string Retry, string Resubmit)
{
    /// <summary>The links of workflow <paramref name="name"/>.</summary>
    public static WorkflowLinks For(string name)
    {
        var self = $"/api/workflows/{Uri.EscapeDataString(name)}";
        return new(self, $"{self}/log", $"{self}/stop", $"{self}/terminate", $"{self}/suspend", $"{self}/resume", $"{self}/retry", $"{self}/resubmit");
    }
}

/// <summary>The answer to a submission.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Uid">Its uid.</param>
/// <param name="Links">Where to follow it.</param>
/// <param name="Warnings">Warnings the spec raised (ignored Kubernetes fields, ...).</param>
public sealed record SubmittedView(string Name, string Uid, WorkflowLinks Links, IReadOnlyList<Core.Diagnostics.DiagnosticView> Warnings)
{
    /// <summary>Extra fields a host adds (the Functions app: Durable's status URLs).</summary>
    public IReadOnlyDictionary<string, string>? Management { get; init; }
}

/// <summary>The answer to a control request.</summary>
/// <param name="Name">The workflow.</param>
/// <param name="Action">What was done: stopped, terminated, suspended, resumed, retried, deleted.</param>
public sealed record ControlView(string Name, string Action);

/// <summary>A stored WorkflowTemplate or ClusterWorkflowTemplate as the API lists it.</summary>
public sealed record TemplateView(string Name, string Kind, DateTimeOffset CreatedAt, string? Entrypoint, IReadOnlyList<string> Templates)
{
    /// <summary>The view of <paramref name="template"/>.</summary>
    public static TemplateView From(StoredTemplate template) => new(
        template.Name,
        template.Document.Kind.ToString(),
        template.CreatedAt,
        template.Document.Spec.Entrypoint,
        template.Document.Spec.Templates.Select(t => t.Name).ToList());
}
