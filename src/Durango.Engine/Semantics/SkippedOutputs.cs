using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's rule for the outputs of a node that never ran (Skipped by <c>when</c>, Omitted by <c>depends</c>): each
/// output parameter its template declares is, to later steps and tasks, the parameter's <c>valueFrom.default</c>, or
/// else an <see cref="AbsentOptional"/> (upstream workflow/controller/scope.go, addSkippedNodeOutputsToScope). The
/// node's own status shows no outputs.
/// </summary>
public static class SkippedOutputs
{
    /// <summary>The outputs siblings see of a node in <paramref name="phase"/> running <paramref name="template"/>, or null when it has none to show.</summary>
    public static NodeOutputs? For(NodePhase phase, Template? template)
    {
        if (phase is not (NodePhase.Skipped or NodePhase.Omitted) || template is null || template.Outputs.Parameters.Count == 0)
        {
            return null;
        }

        return new NodeOutputs
        {
            Parameters = template.Outputs.Parameters
                .Select(p => new ParameterValue(p.Name, p.ValueFrom?.Default ?? AbsentOptional.Value))
                .ToList(),
        };
    }

    /// <summary>
    /// Why a step group cannot start, when one of its steps' <c>when</c>, <c>withParam</c> or arguments reads an
    /// absent optional through a simple tag: upstream resolves a group's references before any step starts and errors
    /// the group (steps.go, resolveReferences), so no step node is made. An argument that is only such a reference is
    /// not an error here: it is dropped for the consumer's input default (<see cref="InputBinder"/>).
    /// </summary>
    public static string? GroupError(IEnumerable<TemplateInvocation> steps, IReadOnlyDictionary<string, string> scope)
    {
        foreach (var step in steps)
        {
            var arguments = step.Arguments.Parameters.Select(p => p.Value ?? p.Default).Where(t => t is not null && AbsentOptional.PureReference(t) is null);
            foreach (var text in new[] { step.When, step.WithParam }.Concat(arguments).OfType<string>())
            {
                var absent = TemplateTags.Scan(text).FirstOrDefault(t => !t.IsExpression && scope.TryGetValue(t.Content, out var v) && AbsentOptional.Is(v));
                if (absent is not null)
                {
                    return AbsentOptional.SubstitutionError(absent.Content);
                }
            }
        }

        return null;
    }
}
