using Durango.Core.Spec;

namespace Durango.Core.Resolution;

/// <summary>
/// How <c>spec.templateDefaults</c>' container and script fill a template's own (upstream merges the default template
/// under each template, workflow/controller/operator.go mergedTemplateDefaultsInto): a field the template sets wins; an
/// unset one (no image, no command, no args, no working directory) takes the default's; environment variables are
/// merged by name, the template's winning; resources are merged by name likewise.
/// </summary>
public static class TemplateDefaults
{
    /// <summary><paramref name="body"/> with <paramref name="defaults"/> merged in, or as it is when they do not apply.</summary>
    public static TemplateBody Apply(TemplateBody body, DefaultBodies? defaults) => (body, defaults) switch
    {
        (ContainerBody container, { Container: { } fallback }) => new ContainerBody(Merge(container.Container, fallback)),
        (ScriptBody script, { Script: { } fallback }) => new ScriptBody(Merge(script.Container, fallback), script.Source),
        _ => body,
    };

    /// <summary><paramref name="own"/>, with what it leaves unset taken from <paramref name="fallback"/>.</summary>
    public static ContainerSpec Merge(ContainerSpec own, ContainerSpec fallback) => own with
    {
        Image = own.Image ?? fallback.Image,
        Command = own.Command.Count > 0 ? own.Command : fallback.Command,
        Args = own.Args.Count > 0 ? own.Args : fallback.Args,
        WorkingDir = own.WorkingDir ?? fallback.WorkingDir,
        Env = [.. fallback.Env.Where(d => own.Env.All(e => e.Name != d.Name)), .. own.Env],
        Requests = Union(own.Requests, fallback.Requests),
        Limits = Union(own.Limits, fallback.Limits),
    };

    private static Dictionary<string, string> Union(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> fallback)
    {
        var merged = new Dictionary<string, string>(fallback, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }

        return merged;
    }
}
