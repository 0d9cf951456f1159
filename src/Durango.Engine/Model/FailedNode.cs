using System.Text.Json.Serialization;

namespace Durango.Engine.Model;

/// <summary>One entry of <c>{{workflow.failures}}</c>, with Argo's field names and order.</summary>
public sealed record FailedNode(
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("templateName")] string TemplateName,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("podName")] string PodName,
    [property: JsonPropertyName("finishedAt")] string? FinishedAt);
