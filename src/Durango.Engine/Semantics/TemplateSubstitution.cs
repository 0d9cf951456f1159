using System.Text.Json.Nodes;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>A template with its <c>{{...}}</c> tags replaced, or the first tag that could not be.</summary>
public sealed record SubstitutedTemplate(Template Template, string? Error);

/// <summary>
/// Replaces the tags of a leaf template's body and outputs, as Argo does before it creates a pod. A tag that names
/// an Argo variable (<c>inputs.</c>, <c>workflow.</c>, <c>steps.</c>, ...) and does not resolve is an error; other
/// braces (a script's own templating) are left alone.
/// </summary>
public sealed class TemplateSubstitution
{
    private static readonly string[] ArgoRoots = ["inputs.", "outputs.", "pod.", "node.", "tasks.", "steps.", "workflow.", "item", "retries", "lastRetry."];
    private readonly IReadOnlyDictionary<string, string> _variables;
    private string? _error;

    private TemplateSubstitution(IReadOnlyDictionary<string, string> variables) => _variables = variables;

    /// <summary>Substitutes every text field of <paramref name="template"/>.</summary>
    public static SubstitutedTemplate Apply(Template template, IReadOnlyDictionary<string, string> variables)
    {
        var substitution = new TemplateSubstitution(variables);
        var body = template.Body switch
        {
            ScriptBody script => new ScriptBody(substitution.Container(script.Container), substitution.Text(script.Source)),
            ContainerBody container => new ContainerBody(substitution.Container(container.Container)),
            ContainerSetBody set => set with { Containers = set.Containers.Select(c => c with { Container = substitution.Container(c.Container) }).ToList() },
            HttpBody http => new HttpBody(substitution.Http(http.Http)),
            PluginBody plugin => new PluginBody(plugin.Name, (JsonObject)substitution.Json(plugin.Config)!),
            SuspendBody suspend => new SuspendBody(substitution.Optional(suspend.Duration)),
            var other => other,
        };
        var outputs = template.Outputs with
        {
            Parameters = template.Outputs.Parameters.Select(p => p with
            {
                // Upstream substitutes the whole template with its inputs, a literal output value and a globalName included.
                Value = substitution.Optional(p.Value),
                GlobalName = substitution.Optional(p.GlobalName),
                ValueFrom = p.ValueFrom is null ? null : p.ValueFrom with
                {
                    Path = substitution.Optional(p.ValueFrom.Path),
                    Default = substitution.Optional(p.ValueFrom.Default),
                },
            }).ToList(),
            Artifacts = template.Outputs.Artifacts.Select(a => ArtifactRules.Substitute(a, variables) is var substituted
                ? substituted with
                {
                    // Name, path and key go through Text too, so that a tag that does not resolve is the node's error.
                    Name = substitution.Text(a.Name),
                    GlobalName = substitution.Optional(a.GlobalName),
                    Path = substitution.Optional(a.Path),
                    Azure = substituted.Azure is null ? null : substituted.Azure with { Blob = substitution.Text(a.Azure!.Blob) },
                }
                : a).ToList(),
        };
        return new SubstitutedTemplate(template with { Body = body, Outputs = outputs }, substitution._error);
    }

    private ContainerSpec Container(ContainerSpec spec) => spec with
    {
        Image = Optional(spec.Image),
        Command = spec.Command.Select(Text).ToList(),
        Args = spec.Args.Select(Text).ToList(),
        WorkingDir = Optional(spec.WorkingDir),
        Env = spec.Env.Select(e => e with
        {
            Value = Optional(e.Value),
            SecretKeyRef = e.SecretKeyRef is null ? null : e.SecretKeyRef with { Name = Text(e.SecretKeyRef.Name), Key = Text(e.SecretKeyRef.Key) },
        }).ToList(),
    };

    private HttpSpec Http(HttpSpec spec) => spec with
    {
        Url = Text(spec.Url),
        Method = Text(spec.Method),
        Body = Optional(spec.Body),
        Headers = spec.Headers.Select(h => h with
        {
            Value = Optional(h.Value),
            SecretKeyRef = h.SecretKeyRef is null ? null : h.SecretKeyRef with { Name = Text(h.SecretKeyRef.Name), Key = Text(h.SecretKeyRef.Key) },
        }).ToList(),
    };

    private JsonNode? Json(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Json(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Json).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Text(text)),
        _ => node?.DeepClone(),
    };

    private string? Optional(string? text) => text is null ? null : Text(text);

    private string Text(string text)
    {
        var result = TemplateTags.Substitute(text, _variables);
        _error ??= (result.Errors.Count > 0 ? result.Errors[0] : null)
            ?? result.Unresolved.Where(t => ArgoRoots.Any(r => t.StartsWith(r, StringComparison.Ordinal))).Select(t => $"failed to resolve {{{{{t}}}}}").FirstOrDefault();
        return result.Text;
    }
}
