using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// <c>containerSet</c>, as upstream's <c>ContainerSetTemplate.Validate</c> (pkg/apis/workflow/v1alpha1/
/// container_set_template_types.go) and <c>validateLeaf</c> (workflow/validate/validate.go): at least one container,
/// names unique and valid, every dependency defined, no cycle, mount paths distinct, a container named <c>main</c>
/// when the template has output parameters, the reserved names <c>init</c> and <c>wait</c> not used; and its
/// <c>retryStrategy</c> parses.
/// </summary>
internal sealed class ContainerSetRules : IValidationRule
{
    private static readonly HashSet<string> Reserved = ["init", "wait"];

    public void Check(ValidationContext context)
    {
        foreach (var template in context.Spec.Templates)
        {
            if (template.Body is ContainerSetBody set)
            {
                CheckSet(context, template, set, $"{context.TemplatePath(template)}.containerSet");
            }
        }
    }

    private static void CheckSet(ValidationContext context, Template template, ContainerSetBody set, string path)
    {
        if (set.Containers.Count == 0)
        {
            context.Error(DiagnosticCodes.Required, $"{path}.containers", "containers must have at least one container");
            return;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < set.Containers.Count; i++)
        {
            var name = set.Containers[i].Name;
            var at = $"{path}.containers[{i}].name";
            if (name.Length == 0)
            {
                continue;
            }

            if (!NameRules.IsValidName(name))
            {
                context.Error(DiagnosticCodes.BadName, at, $"container name '{name}' is invalid: use letters, digits, '-' and '_', starting with a letter or digit");
            }
            else if (Reserved.Contains(name))
            {
                context.Error(DiagnosticCodes.BadName, at, $"'{name}' is a reserved Argo container name; rename the container");
            }

            if (!names.TryAdd(name, i))
            {
                context.Error(DiagnosticCodes.BadName, at, $"container name '{name}' is used twice; give each container its own name");
            }
        }

        for (var i = 0; i < set.Containers.Count; i++)
        {
            var member = set.Containers[i];
            for (var d = 0; d < member.Dependencies.Count; d++)
            {
                if (!names.ContainsKey(member.Dependencies[d]))
                {
                    context.Error(DiagnosticCodes.UnknownTemplate, $"{path}.containers[{i}].dependencies[{d}]",
                        $"container '{member.Name}' depends on '{member.Dependencies[d]}', which is not a container of this set ({string.Join(", ", names.Keys)})");
                }
            }
        }

        if (Cycle(set) is { } cycle)
        {
            context.Error(DiagnosticCodes.Dag, $"{path}.containers", $"containers depend on each other in a cycle: {string.Join(" -> ", cycle)}; remove one of the dependencies");
        }

        var mounts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < set.VolumeMounts.Count; i++)
        {
            if (!mounts.Add(set.VolumeMounts[i].MountPath))
            {
                context.Error(DiagnosticCodes.BadValue, $"{path}.volumeMounts[{i}].mountPath", $"mountPath '{set.VolumeMounts[i].MountPath}' is mounted twice");
            }
        }

        if (template.Outputs.Parameters.Count > 0 && !names.ContainsKey(ContainerSetBody.MainContainer))
        {
            context.Error(DiagnosticCodes.Required, $"{path}.containers", "containers must have a container named \"main\" for input or output");
        }

        if (set.Retry is { } retry)
        {
            if (retry.Retries is not { } retries || !(retries.Contains("{{", StringComparison.Ordinal) || int.TryParse(retries, out var count) && count >= 0))
            {
                context.Error(DiagnosticCodes.BadValue, $"{path}.retryStrategy.retries", $"retries must be a whole number, not '{retry.Retries}'");
            }

            if (retry.Duration is { } duration && !ArgoDuration.TryParse(duration, out _))
            {
                context.Error(DiagnosticCodes.BadValue, $"{path}.retryStrategy.duration", $"duration '{duration}' is not a duration; write a Go duration such as 10s");
            }
        }
    }

    private static List<string>? Cycle(ContainerSetBody set)
    {
        var graph = set.Containers.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Dependencies, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        List<string>? Visit(string name)
        {
            if (state.GetValueOrDefault(name) == 2 || !graph.TryGetValue(name, out var dependencies))
            {
                return null;
            }

            if (state.GetValueOrDefault(name) == 1)
            {
                return [.. stack.SkipWhile(n => n != name), name];
            }

            state[name] = 1;
            stack.Add(name);
            foreach (var dependency in dependencies)
            {
                if (Visit(dependency) is { } found)
                {
                    return found;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }

        return graph.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
