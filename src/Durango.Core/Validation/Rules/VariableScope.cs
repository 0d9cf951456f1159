using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// The <c>{{...}}</c> variables visible at one place in a spec: the workflow's globals, the template's inputs,
/// the steps or tasks that have finished before, and <c>item</c> inside a loop.
/// </summary>
internal sealed record VariableScope
{
    /// <summary>Tag roots Argo resolves; other tags (e.g. braces in a script) are left alone, as Argo does.</summary>
    public static readonly string[] Roots = ["inputs.", "outputs.", "pod.", "node.", "tasks.", "steps.", "workflow.", "item", "retries", "lastRetry."];

    private static readonly string[] NodeFields = ["outputs", "exitCode", "status", "id", "ip", "startedAt", "finishedAt", "hostNodeName"];

    public required IReadOnlySet<string> Globals { get; init; }

    /// <summary>
    /// True for WorkflowTemplates: their <c>workflow.*</c> variables come from whichever workflow calls them,
    /// so (as Argo's template validation does) they are not checked.
    /// </summary>
    public bool LenientWorkflowVariables { get; init; }

    public bool ExitScope { get; init; }

    public IReadOnlySet<string> Inputs { get; init; } = new HashSet<string>();

    /// <summary>The template's input artifacts: <c>inputs.artifacts.NAME</c> and <c>inputs.artifacts.NAME.path</c>.</summary>
    public IReadOnlySet<string> InputArtifacts { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Steps { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Tasks { get; init; } = new HashSet<string>();

    public bool InLoop { get; init; }

    public bool HasRetry { get; init; }

    public static bool IsWorkflowVariable(string tag) => Roots.Any(r => tag.StartsWith(r, StringComparison.Ordinal));

    /// <summary>True when <paramref name="tag"/> resolves here.</summary>
    public bool Resolves(string tag)
    {
        if (tag == "item" || tag.StartsWith("item.", StringComparison.Ordinal) || tag.StartsWith("item[", StringComparison.Ordinal))
        {
            return InLoop;
        }

        if (tag is "retries" || tag.StartsWith("lastRetry.", StringComparison.Ordinal))
        {
            return HasRetry;
        }

        if (LenientWorkflowVariables && tag.StartsWith("workflow.", StringComparison.Ordinal))
        {
            return true;
        }

        if (tag is "workflow.failures")
        {
            return ExitScope;
        }

        if (tag.StartsWith("workflow.", StringComparison.Ordinal))
        {
            return Globals.Contains(tag)
                || tag.StartsWith("workflow.labels.", StringComparison.Ordinal)
                || tag.StartsWith("workflow.annotations.", StringComparison.Ordinal)
                || tag.StartsWith("workflow.creationTimestamp.", StringComparison.Ordinal);
        }

        if (tag.StartsWith("inputs.parameters.", StringComparison.Ordinal))
        {
            return Inputs.Contains(tag["inputs.parameters.".Length..]);
        }

        if (tag.StartsWith("inputs.artifacts.", StringComparison.Ordinal))
        {
            var name = tag["inputs.artifacts.".Length..];
            return InputArtifacts.Contains(name.EndsWith(".path", StringComparison.Ordinal) ? name[..^".path".Length] : name);
        }

        if (tag is "inputs.parameters" or "pod.name" or "node.name" || tag.StartsWith("outputs.", StringComparison.Ordinal))
        {
            return true;
        }

        // steps.name / tasks.name: the name of the step or task running this template.
        return tag is "steps.name" or "tasks.name" || NodeReference(tag, "steps.", Steps) || NodeReference(tag, "tasks.", Tasks);
    }

    private static bool NodeReference(string tag, string root, IReadOnlySet<string> names)
    {
        if (!tag.StartsWith(root, StringComparison.Ordinal))
        {
            return false;
        }

        // NAME.FIELD...: each dot could end the name (a name may hold dots), so each prefix before one is looked up,
        // not each name scanned (a long chain names thousands of steps).
        var rest = tag[root.Length..];
        for (var dot = rest.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = rest.IndexOf('.', dot + 1))
        {
            var field = rest[(dot + 1)..];
            if (names.Contains(rest[..dot]) && NodeFields.Any(f => field.StartsWith(f, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The globals of a spec: <c>workflow.name</c>, its parameters and global outputs.</summary>
    public static HashSet<string> GlobalsOf(WorkflowSpec spec)
    {
        var globals = new HashSet<string>(StringComparer.Ordinal)
        {
            "workflow.name", "workflow.namespace", "workflow.uid", "workflow.serviceAccountName",
            "workflow.creationTimestamp", "workflow.priority", "workflow.mainEntrypoint", "workflow.duration",
            "workflow.scheduledTime", "workflow.parameters", "workflow.parameters.json", "workflow.labels",
            "workflow.labels.json", "workflow.annotations", "workflow.annotations.json", "workflow.status",
        };
        foreach (var parameter in spec.Arguments.Parameters)
        {
            globals.Add($"workflow.parameters.{parameter.Name}");
        }

        foreach (var template in spec.Templates)
        {
            foreach (var output in template.Outputs.Parameters.Where(p => p.GlobalName is not null))
            {
                globals.Add($"workflow.outputs.parameters.{output.GlobalName}");
            }

            foreach (var output in template.Outputs.Artifacts.Where(a => a.GlobalName is not null))
            {
                globals.Add($"workflow.outputs.artifacts.{output.GlobalName}");
            }
        }

        return globals;
    }
}
