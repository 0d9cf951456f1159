using System.Text.Json;
using System.Text.Json.Serialization;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>An artifact with its location resolved, or why it could not be.</summary>
public sealed record ResolvedArtifact(Artifact? Artifact, string? Error);

/// <summary>
/// Argo's artifact passing, as pure functions: an argument's <c>from</c>, <c>fromExpression</c> or inline location
/// resolved in the caller's scope; a template's input artifacts bound from those arguments or their own location;
/// the variables a node adds (<c>steps.X.outputs.artifacts.Y</c>,
/// <c>inputs.artifacts.N.path</c>, <c>workflow.outputs.artifacts.G</c>). An artifact travels through scopes as its
/// JSON, the way a parameter travels as its text (upstream: workflow/controller/scope.go, resolveArtifact).
/// </summary>
public static class ArtifactRules
{
    /// <summary>
    /// The prefix under which a resolved argument artifact travels in a call's arguments (no parameter can be named
    /// so), the way <see cref="InputBinder.FailedArgument"/> does.
    /// </summary>
    public const string ArgumentPrefix = "\u0001artifact:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON of <paramref name="artifact"/>, as scopes hold it.</summary>
    public static string Write(Artifact artifact) => JsonSerializer.Serialize(artifact, Json);

    /// <summary>The artifact in <paramref name="json"/>, or null when the text is not one.</summary>
    public static Artifact? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var artifact = JsonSerializer.Deserialize<Artifact>(json, Json);
            return artifact is { HasLocation: true } ? artifact : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds the caller's resolved <paramref name="arguments"/> to <paramref name="values"/> (a call's argument map).</summary>
    public static void AddArguments(IDictionary<string, string> values, IReadOnlyList<Artifact> arguments, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator? evaluator)
    {
        foreach (var argument in arguments)
        {
            var resolved = Resolve(argument, scope, evaluator);
            if (resolved.Error is { } error)
            {
                values[InputBinder.FailedArgument] = error;
            }
            else if (resolved.Artifact is { } artifact)
            {
                values[ArgumentPrefix + argument.Name] = Write(artifact);
            }
        }
    }

    /// <summary>
    /// <paramref name="artifact"/>'s location in <paramref name="scope"/>: from <c>from</c>, <c>fromExpression</c> or
    /// its own location with tags substituted. Null without error when it names no source, or an optional source is missing.
    /// </summary>
    public static ResolvedArtifact Resolve(Artifact artifact, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator? evaluator)
    {
        string? text = null;
        if (artifact.From is { } from)
        {
            if (AbsentOptional.PureReference(from) is { } reference && scope.TryGetValue(reference, out var referenced) && AbsentOptional.Is(referenced))
            {
                return new ResolvedArtifact(null, null);
            }

            var substituted = TemplateTags.Substitute(from, scope);
            text = substituted.Complete ? substituted.Text : null;
        }
        else if (artifact.FromExpression is { } expression && evaluator is not null)
        {
            var result = evaluator.Evaluate(expression, ExpressionDialect.Expr, scope);
            text = result.Succeeded ? result.Text : null;
        }
        else if (artifact.HasLocation)
        {
            return new ResolvedArtifact(Substitute(artifact, scope) with { From = null, FromExpression = null }, null);
        }
        else
        {
            return new ResolvedArtifact(null, null);
        }

        if (Read(text) is { } source)
        {
            // Upstream resolveArtifact substitutes the subPath strictly: a skipped node's output without a default
            // ("absent optional") there is an error, never a path.
            var subPath = artifact.SubPath is null ? source.SubPath : TemplateTags.Substitute(artifact.SubPath, scope).Text;
            if (artifact.SubPath is not null && AbsentTag(artifact.SubPath, scope) is { } absent)
            {
                return new ResolvedArtifact(null, AbsentOptional.SubstitutionError(absent));
            }

            if (AbsentOptional.Is(subPath) || subPath?.Contains(AbsentOptional.Value, StringComparison.Ordinal) == true)
            {
                return new ResolvedArtifact(null, $"artifact '{artifact.Name}': subPath references an absent optional (skipped/omitted node output with no default)");
            }

            return new ResolvedArtifact(source with
            {
                Name = artifact.Name,
                Path = artifact.Path ?? source.Path,
                SubPath = subPath,
                Optional = artifact.Optional,
                GlobalName = artifact.GlobalName,
                From = null,
                FromExpression = null,
            }, null);
        }

        return artifact.Optional
            ? new ResolvedArtifact(null, null)
            : new ResolvedArtifact(null, $"unable to resolve artifact '{artifact.Name}' from {artifact.From ?? artifact.FromExpression}");
    }

    private static string? AbsentTag(string text, IReadOnlyDictionary<string, string> scope) =>
        TemplateTags.Scan(text).FirstOrDefault(t => !t.IsExpression && scope.TryGetValue(t.Content, out var v) && AbsentOptional.Is(v))?.Content;

    /// <summary>
    /// Binds a template's input artifacts: the caller's argument gives the location, the input its path and mode; an
    /// input without an argument uses its own location; an optional one may have neither, a required one is an error.
    /// </summary>
    public static (IReadOnlyList<Artifact> Bound, string? Error) Bind(
        IReadOnlyList<Artifact> inputs, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator? evaluator)
    {
        var bound = new List<Artifact>();
        foreach (var input in inputs)
        {
            Artifact? located = null;
            if (arguments.TryGetValue(ArgumentPrefix + input.Name, out var json) && Read(json) is { } argument)
            {
                located = argument with { Name = input.Name, Path = input.Path, Mode = input.Mode ?? argument.Mode, Optional = input.Optional };
            }
            else
            {
                var own = Resolve(input, scope, evaluator);
                if (own.Error is { } error)
                {
                    return (bound, error);
                }

                located = own.Artifact;
            }

            if (located is null)
            {
                if (input.Optional)
                {
                    continue;
                }

                return (bound, $"inputs.artifacts.{input.Name} was not supplied");
            }

            bound.Add(located);
        }

        return (bound, null);
    }

    /// <summary>
    /// The variables a template sees for its artifacts and output files: <c>inputs.artifacts.N</c> (JSON),
    /// <c>inputs.artifacts.N.path</c>, <c>outputs.artifacts.N.path</c>, <c>outputs.parameters.N.path</c>. An optional
    /// input that was not supplied is the absent-optional marker, so an argument <c>from</c> it passes nothing on
    /// (upstream puts every input artifact in scope, located or not; test/e2e TestMissingStepsInUI).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Variables(Template template, IReadOnlyList<Artifact> inputs)
    {
        foreach (var input in inputs)
        {
            yield return KeyValuePair.Create($"inputs.artifacts.{input.Name}", Write(input));
            if (input.Path is { } path)
            {
                yield return KeyValuePair.Create($"inputs.artifacts.{input.Name}.path", path);
            }
        }

        foreach (var absent in template.Inputs.Artifacts.Where(a => a.Optional && inputs.All(i => i.Name != a.Name)))
        {
            yield return KeyValuePair.Create($"inputs.artifacts.{absent.Name}", AbsentOptional.Value);
        }

        foreach (var output in template.Outputs.Artifacts.Where(a => a.Path is not null))
        {
            yield return KeyValuePair.Create($"outputs.artifacts.{output.Name}.path", output.Path!);
        }

        foreach (var output in template.Outputs.Parameters.Where(p => p.ValueFrom?.Path is not null))
        {
            yield return KeyValuePair.Create($"outputs.parameters.{output.Name}.path", output.ValueFrom!.Path!);
        }
    }

    /// <summary>The variables a finished node's output artifacts add under <paramref name="prefix"/> (<c>steps.X</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> NodeVariables(string prefix, IReadOnlyList<Artifact>? outputs) =>
        (outputs ?? []).Select(a => KeyValuePair.Create($"{prefix}.outputs.artifacts.{a.Name}", Write(a)));

    /// <summary>The <c>workflow.outputs.artifacts.*</c> that <paramref name="declared"/> publish through <c>globalName</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Globals(Outputs declared, IReadOnlyList<Artifact>? produced)
    {
        foreach (var artifact in declared.Artifacts)
        {
            if (artifact.GlobalName is { } global && produced?.FirstOrDefault(a => a.Name == artifact.Name) is { } value)
            {
                yield return KeyValuePair.Create($"workflow.outputs.artifacts.{global}", Write(value with { GlobalName = global }));
            }
        }
    }

    /// <summary>
    /// A steps or DAG template's output artifacts, from <c>from</c> or <c>fromExpression</c> over its finished
    /// children; the first required one that does not resolve is the error.
    /// </summary>
    public static (IReadOnlyList<Artifact> Outputs, string? Error) ResolveOutputs(Outputs outputs, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator evaluator)
    {
        var resolved = new List<Artifact>();
        foreach (var output in outputs.Artifacts)
        {
            var result = Resolve(output, scope, evaluator);
            if (result.Error is not null)
            {
                return (resolved, $"unable to resolve outputs.artifacts.{output.Name}");
            }

            if (result.Artifact is { } artifact)
            {
                resolved.Add(artifact);
            }
            else if (!output.Optional)
            {
                return (resolved, $"unable to resolve outputs.artifacts.{output.Name}");
            }
        }

        return (resolved, null);
    }

    /// <summary><paramref name="artifact"/> with the tags in its path and location substituted.</summary>
    public static Artifact Substitute(Artifact artifact, IReadOnlyDictionary<string, string> scope)
    {
        string? Text(string? text) => text is null ? null : TemplateTags.Substitute(text, scope).Text;
        return artifact with
        {
            Path = Text(artifact.Path),
            SubPath = Text(artifact.SubPath),
            Raw = artifact.Raw is null ? null : new RawArtifact(Text(artifact.Raw.Data)!),
            Azure = artifact.Azure is null ? null : artifact.Azure with
            {
                Endpoint = Text(artifact.Azure.Endpoint),
                Container = Text(artifact.Azure.Container),
                Blob = Text(artifact.Azure.Blob)!,
            },
            Http = artifact.Http is null ? null : artifact.Http with
            {
                Url = Text(artifact.Http.Url)!,
                Headers = artifact.Http.Headers.Select(h => h with { Value = Text(h.Value) }).ToList(),
            },
        };
    }
}
