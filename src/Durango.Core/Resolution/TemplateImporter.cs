using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Core.Resolution;

/// <summary>The templates a reference by plain name resolves against, and the prefix of their keys.</summary>
internal sealed record TemplateScope(string Prefix, IReadOnlyList<Template> List)
{
    public IReadOnlyDictionary<string, Template> Templates { get; } =
        List.DistinctBy(t => t.Name).ToDictionary(t => t.Name, StringComparer.Ordinal);
}

/// <summary>
/// Copies templates into one keyed table, rewriting every reference inside them into a key of the same table:
/// a plain <c>template</c> name to a key in the caller's scope, a <c>templateRef</c> to a key in the stored
/// template's scope (imported on first use), an <c>inline</c> template to a key of its own.
/// </summary>
internal sealed class TemplateImporter(ITemplateRegistry registry, Template? defaults, RetryStrategy? workflowRetry = null)
{
    private readonly Dictionary<string, Template> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _importing = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Template> Resolved => _resolved;

    public List<string> Errors { get; } = [];

    public string Import(TemplateScope scope, string name)
    {
        var key = scope.Prefix + name;
        if (_resolved.ContainsKey(key) || !_importing.Add(key))
        {
            return key;
        }

        if (!scope.Templates.TryGetValue(name, out var template))
        {
            Errors.Add($"template '{name}' not found{(scope.Prefix.Length > 0 ? $" in {scope.Prefix.TrimEnd('/')}" : string.Empty)}");
            return key;
        }

        _resolved[key] = Rewrite(scope, key, ApplyDefaults(template));
        return key;
    }

    public string KeyOf(TemplateScope scope, string? name, TemplateRef? templateRef)
    {
        if (templateRef is not null)
        {
            var prefix = $"{(templateRef.ClusterScope ? "cwt" : "wt")}:{templateRef.Name}/";
            var stored = registry.Find(templateRef.Name, templateRef.ClusterScope);
            if (stored is null)
            {
                Errors.Add($"{(templateRef.ClusterScope ? "ClusterWorkflowTemplate" : "WorkflowTemplate")} '{templateRef.Name}' not found; install it first");
                return prefix + templateRef.Template;
            }

            return Import(new TemplateScope(prefix, stored.Spec.Templates), templateRef.Template);
        }

        return Import(scope, name ?? string.Empty);
    }

    public LifecycleHook RewriteHook(TemplateScope scope, LifecycleHook hook) =>
        hook with { Template = KeyOf(scope, hook.Template, hook.TemplateRef), TemplateRef = null };

    private Template Rewrite(TemplateScope scope, string key, Template template)
    {
        var body = template.Body switch
        {
            StepsBody steps => new StepsBody(steps.Groups.Select(g => (IReadOnlyList<WorkflowStep>)g.Select(s => RewriteInvocation(scope, key, s)).ToList()).ToList()),
            DagBody dag => dag with { Tasks = dag.Tasks.Select(t => RewriteInvocation(scope, key, t)).ToList() },
            var other => other,
        };
        return template with { Body = body, Hooks = RewriteHooks(scope, template.Hooks) };
    }

    private T RewriteInvocation<T>(TemplateScope scope, string parentKey, T invocation)
        where T : TemplateInvocation
    {
        string target;
        if (invocation.Inline is { } inline)
        {
            target = $"{parentKey}.{invocation.Name}.inline";
            _resolved[target] = Rewrite(scope, target, ApplyDefaults(inline with { Name = invocation.Name }));
        }
        else
        {
            target = KeyOf(scope, invocation.Template, invocation.TemplateRef);
        }

        return invocation with
        {
            Template = target,
            TemplateRef = null,
            Inline = null,
            Hooks = RewriteHooks(scope, invocation.Hooks),
            OnExit = invocation.OnExit is null ? null : KeyOf(scope, invocation.OnExit, null),
        };
    }

    private Dictionary<string, LifecycleHook> RewriteHooks(TemplateScope scope, IReadOnlyDictionary<string, LifecycleHook> hooks) =>
        hooks.ToDictionary(h => h.Key, h => RewriteHook(scope, h.Value), StringComparer.Ordinal);

    /// <summary>
    /// <c>templateDefaults</c> fill what a template leaves unset; then <c>spec.retryStrategy</c> is the retry of every
    /// template still without one, as upstream's <c>woc.retryStrategy</c> (workflow/controller/operator.go) reads it.
    /// </summary>
    private Template ApplyDefaults(Template template)
    {
        var merged = defaults is null ? template : template with
        {
            RetryStrategy = template.RetryStrategy ?? defaults.RetryStrategy,
            Timeout = template.Timeout ?? defaults.Timeout,
            ActiveDeadlineSeconds = template.ActiveDeadlineSeconds ?? defaults.ActiveDeadlineSeconds,
            Parallelism = template.Parallelism ?? defaults.Parallelism,
            FailFast = template.FailFast ?? defaults.FailFast,
            Body = TemplateDefaults.Apply(template.Body, defaults.Body as DefaultBodies),
            Synchronization = template.Synchronization ?? defaults.Synchronization,
            Memoize = template.Memoize ?? defaults.Memoize,
        };
        return merged.RetryStrategy is null && workflowRetry is not null ? merged with { RetryStrategy = workflowRetry } : merged;
    }
}
