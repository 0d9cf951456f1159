using Durango.Core.Diagnostics;
using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Core.Resolution;

/// <summary>What a submission is: the document, who runs it and with what parameters.</summary>
public sealed record Submission(
    WorkflowDocument Document,
    string Name,
    string Uid,
    DateTimeOffset CreationTimestamp,
    IReadOnlyList<KeyValuePair<string, string>> ParameterOverrides);

/// <summary>A resolved workflow, or the reasons it cannot run.</summary>
public sealed record ResolutionResult(ResolvedWorkflow? Workflow, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Folds a validated document into a <see cref="ResolvedWorkflow"/>: <c>workflowTemplateRef</c> merged,
/// stored templates imported under scoped keys (<c>cwt:step-notify-webhook/webhook</c>) with their own
/// references rewritten, inline templates given keys, <c>templateDefaults</c> applied, parameter overrides
/// set. Pure: the caller picks the name, uid and time.
/// </summary>
public static class SpecResolver
{
    /// <summary>Resolves <paramref name="submission"/> against <paramref name="registry"/>.</summary>
    public static ResolutionResult Resolve(Submission submission, ITemplateRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var own = submission.Document.Spec;
        var spec = own;
        if (own.WorkflowTemplateRef is { } wtr)
        {
            if (registry.Find(wtr.Name, wtr.ClusterScope) is not { } stored)
            {
                return Fail($"{(wtr.ClusterScope ? "ClusterWorkflowTemplate" : "WorkflowTemplate")} '{wtr.Name}' not found; install it first", "spec.workflowTemplateRef");
            }

            spec = WorkflowTemplateMerge.Merge(own, stored.Spec);
        }

        var importer = new TemplateImporter(registry, spec.TemplateDefaults, spec.RetryStrategy);
        var local = new TemplateScope(string.Empty, spec.Templates);
        foreach (var template in spec.Templates)
        {
            importer.Import(local, template.Name);
        }

        if (importer.Errors.Count > 0)
        {
            return new ResolutionResult(null, importer.Errors.Select(e => Error(e, "spec")).ToList());
        }

        var parameters = spec.Arguments.Parameters.ToList();
        foreach (var (name, value) in submission.ParameterOverrides)
        {
            var index = parameters.FindIndex(p => p.Name == name);
            var parameter = new Parameter { Name = name, Value = value };
            if (index >= 0)
            {
                if (parameters[index].Enum is { Count: > 0 } allowed && !allowed.Contains(value))
                {
                    diagnostics.Add(Error($"parameter '{name}' must be one of {string.Join(", ", allowed)}, not '{value}'", $"spec.arguments.parameters[{index}]"));
                }

                parameters[index] = parameters[index] with { Value = value };
            }
            else
            {
                parameters.Add(parameter);
            }
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            // A ConfigMap parameter gets its value after resolution, from configuration (the engine's ConfigMapParameters).
            if (parameters[i].Value is null && parameters[i].Default is null && parameters[i].ValueFrom?.ConfigMapKeyRef is null)
            {
                diagnostics.Add(Error($"workflow parameter '{parameters[i].Name}' has no value; pass one with -p {parameters[i].Name}=VALUE (or ?parameter={parameters[i].Name}=VALUE)", $"spec.arguments.parameters[{i}]"));
            }
        }

        if (spec.Entrypoint is null || !local.Templates.ContainsKey(spec.Entrypoint))
        {
            diagnostics.Add(Error($"entrypoint '{spec.Entrypoint}' is not a template of this workflow", "spec.entrypoint"));
        }

        if (diagnostics.Count > 0)
        {
            return new ResolutionResult(null, diagnostics);
        }

        var values = parameters.Select(p => p with { Value = p.Value ?? p.Default }).ToList();
        var @namespace = submission.Document.Metadata.Namespace ?? "default";
        var metadata = WorkflowMetadataLabels.Apply(spec.WorkflowMetadata, submission.Document.Metadata.Labels,
            submission.Document.Metadata.Annotations, submission.Name, @namespace, submission.Uid, values);
        if (metadata.Error is { } metadataError)
        {
            return Fail(metadataError, metadata.ErrorPath!);
        }

        var exitName = spec.ExitHandlerTemplate;
        spec.Hooks.TryGetValue(LifecycleHook.ExitHookName, out var exitHook);
        var workflow = new ResolvedWorkflow
        {
            Name = submission.Name,
            Uid = submission.Uid,
            Namespace = @namespace,
            CreationTimestamp = submission.CreationTimestamp,
            Labels = metadata.Labels,
            Annotations = metadata.Annotations,
            Entrypoint = spec.Entrypoint!,
            ExitHandler = exitName is null ? null : importer.KeyOf(local, exitName, null),
            ExitHandlerArguments = spec.OnExit is null ? exitHook?.Arguments ?? Arguments.None : Arguments.None,
            Hooks = spec.Hooks.Where(h => h.Key != LifecycleHook.ExitHookName)
                .ToDictionary(h => h.Key, h => importer.RewriteHook(local, h.Value), StringComparer.Ordinal),
            Parameters = values,
            Artifacts = spec.Arguments.Artifacts,
            ArtifactGC = spec.ArtifactGC,
            Templates = ArtifactArchiveLocations.Fill(importer.Resolved, spec),
            ActiveDeadlineSeconds = long.TryParse(spec.ActiveDeadlineSeconds, out var deadline) ? deadline : null,
            Parallelism = spec.Parallelism,
            Synchronization = spec.Synchronization,
            Priority = spec.Priority ?? 0,
        };
        return new ResolutionResult(workflow, []);

        ResolutionResult Fail(string message, string path) => new(null, [Error(message, path)]);
    }

    private static Diagnostic Error(string message, string path) =>
        new(Severity.Error, DiagnosticCodes.UnknownTemplate, message, path, null);
}
