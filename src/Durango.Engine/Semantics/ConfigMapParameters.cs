using Durango.Core.Expressions;
using Durango.Core.Resolution;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Parameters whose <c>valueFrom.configMapKeyRef</c> names a ConfigMap key, read once at submission (Durango's
/// ConfigMaps are configuration, <c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c>). As upstream
/// (<c>workflow/controller/operator.go</c> <c>setGlobalParameters</c>, <c>workflow/common/util.go</c>
/// <c>substituteAndGetConfigMapValue</c>): a global parameter takes the key's value, else <c>valueFrom.default</c>,
/// else the workflow cannot start; a template's input takes the value unless its caller passes an argument.
/// </summary>
public static class ConfigMapParameters
{
    /// <summary>
    /// <paramref name="workflow"/> with the ConfigMap values of its parameters filled in from <paramref name="lookup"/>
    /// (ConfigMap name, key → value or null), and an error for each global parameter that has none.
    /// </summary>
    public static (ResolvedWorkflow Workflow, IReadOnlyList<string> Errors) Resolve(ResolvedWorkflow workflow, Func<string, string, string?> lookup)
    {
        var errors = new List<string>();
        var parameters = workflow.Parameters.Select(p =>
        {
            if (p.Value is not null || p.ValueFrom?.ConfigMapKeyRef is not { } source)
            {
                return p;
            }

            var value = lookup(source.Name, source.Key) ?? p.ValueFrom.Default;
            if (value is null && !source.Optional)
            {
                errors.Add($"failed to set global parameter {p.Name} from configmap with name {source.Name} and key {source.Key}: " +
                    $"set ConfigMaps:{source.Name}:{source.Key} in configuration (environment ConfigMaps__{source.Name}__{source.Key}) or give valueFrom.default");
            }

            return p with { Value = value ?? string.Empty };
        }).ToList();

        var withGlobals = workflow with { Parameters = parameters };
        var globals = Globals.For(withGlobals);
        var templates = workflow.Templates.ToDictionary(t => t.Key, t => WithInputs(t.Value, lookup, globals, errors), StringComparer.Ordinal);
        return (withGlobals with { Templates = templates }, errors);
    }

    /// <summary>
    /// A ConfigMap name or key of a template input with its tags replaced from the globals, as upstream's
    /// <c>substituteConfigMapKeyRefParam</c> (<c>workflow/common/util.go</c>; a global parameter's own reference is
    /// taken as written there, and here). Null and an error when a tag does not resolve.
    /// </summary>
    public static string? SubstituteRef(string text, IReadOnlyDictionary<string, string> globals, out string? error)
    {
        var result = TemplateTags.Substitute(text, globals);
        error = result.Complete ? null
            : "failed to substitute configMapKeyRef: " + (result.Errors.Count > 0 ? result.Errors[0] : $"failed to resolve {{{{{result.Unresolved[0]}}}}}");
        return error is null ? result.Text : null;
    }

    private static Template WithInputs(Template template, Func<string, string, string?> lookup, IReadOnlyDictionary<string, string> globals, List<string> errors)
    {
        if (!template.Inputs.Parameters.Any(p => p.ValueFrom?.ConfigMapKeyRef is not null))
        {
            return template;
        }

        var inputs = template.Inputs.Parameters.Select(p =>
        {
            if (p.Value is not null || p.ValueFrom?.ConfigMapKeyRef is not { } source)
            {
                return p;
            }

            var name = SubstituteRef(source.Name, globals, out var nameError);
            var key = SubstituteRef(source.Key, globals, out var keyError);
            if ((nameError ?? keyError) is { } error)
            {
                errors.Add($"template {template.Name}: inputs.parameters.{p.Name}: {error}");
                return p;
            }

            var configMap = source with { Name = name!, Key = key! };
            return (lookup(configMap.Name, configMap.Key) ?? p.ValueFrom.Default) is { } value
                ? p with { Value = value, ValueFrom = p.ValueFrom with { ConfigMapKeyRef = configMap } }
                : p with { ValueFrom = p.ValueFrom with { ConfigMapKeyRef = configMap } };
        }).ToList();
        return template with { Inputs = template.Inputs with { Parameters = inputs } };
    }
}
