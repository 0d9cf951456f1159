using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Engine.Stores;

namespace Durango.Api.Templates;

/// <summary>A stored template as argo-server answers it: the object as written, with Kubernetes metadata filled in.</summary>
public static class TemplateView
{
    /// <summary>The template's <c>metadata.resourceVersion</c>: it changes with every update, so a stale update is refused.</summary>
    public static string Version(StoredTemplate template) => template.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON of <paramref name="template"/>.</summary>
    public static JsonObject From(StoredTemplate template)
    {
        var json = YamlJson.Convert(template.Source, 0) as JsonObject ?? new JsonObject();
        json["apiVersion"] ??= "argoproj.io/v1alpha1";
        json["kind"] = template.Document.Kind.ToString();
        var metadata = json["metadata"] as JsonObject ?? new JsonObject();
        json["metadata"] = metadata;
        metadata["name"] = template.Name;
        if (template.Document.Metadata.Namespace is { } @namespace)
        {
            metadata["namespace"] = @namespace;
        }

        metadata["resourceVersion"] = Version(template);
        metadata["creationTimestamp"] = template.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return json;
    }

    /// <summary>argo-server's list of <paramref name="kind"/>: <c>{"metadata": {}, "items": [...]}</c>.</summary>
    public static JsonObject List(WorkflowKind kind, IEnumerable<StoredTemplate> templates)
    {
        var items = new JsonArray(templates.Select(t => (JsonNode)From(t)).ToArray());
        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = $"{kind}List",
            ["metadata"] = new JsonObject(),
            ["items"] = items.Count == 0 ? null : items,
        };
    }
}
