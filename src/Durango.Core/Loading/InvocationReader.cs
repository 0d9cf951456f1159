using Durango.Core.Spec;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>Reads steps, DAG tasks, hooks, arguments, parameters and retry strategies.</summary>
internal static class InvocationReader
{
    private static readonly FieldPolicy StepPolicy = FieldPolicy.Strict;

    public static WorkflowStep? ReadStep(LoadContext context, YamlNode node, string path)
    {
        var reader = context.Map(node, path, StepPolicy);
        if (reader is null)
        {
            return null;
        }

        var step = ReadInvocation(reader, new WorkflowStep { Name = string.Empty });
        reader.Finish();
        return step;
    }

    public static DagTask? ReadTask(LoadContext context, YamlNode node, string path)
    {
        var reader = context.Map(node, path, StepPolicy);
        if (reader is null)
        {
            return null;
        }

        var task = ReadInvocation(reader, new DagTask { Name = string.Empty }) with
        {
            Dependencies = reader.StringList("dependencies"),
            Depends = reader.String("depends"),
        };
        reader.Finish();
        return task;
    }

    private static T ReadInvocation<T>(MapReader reader, T empty)
        where T : TemplateInvocation => empty with
        {
            Name = reader.RequiredString("name", "give every step and task a name"),
            Template = reader.String("template"),
            TemplateRef = ReadTemplateRef(reader.Map("templateRef", FieldPolicy.Strict)),
            Inline = reader.Node("inline") is { } inline
                ? SpecReader.ReadTemplate(reader.Context, inline, reader.FieldPath("inline"), requireName: false) is { } t
                    ? t with { Name = reader.String("name") ?? "inline" }
                    : null
                : null,
            Arguments = ReadArguments(reader.Map("arguments", FieldPolicy.IO)),
            When = reader.String("when"),
            WithItems = reader.Has("withItems") ? reader.List("withItems", (n, p) => reader.ToJson(n, p, 0) ?? null) : null,
            WithParam = reader.String("withParam"),
            WithSequence = ReadSequence(reader.Map("withSequence", FieldPolicy.Strict)),
            ContinueOn = ReadContinueOn(reader.Map("continueOn", FieldPolicy.Strict)),
            Hooks = ReadHooks(reader.Map("hooks", FieldPolicy.Strict)),
            OnExit = reader.String("onExit"),
        };

    public static Arguments ReadArguments(MapReader? reader)
    {
        if (reader is null)
        {
            return Arguments.None;
        }

        var arguments = new Arguments { Artifacts = ArtifactReader.ReadList(reader), Parameters = ReadParameterList(reader) };
        reader.Finish();
        return arguments;
    }

    public static IReadOnlyList<Parameter> ReadParameters(MapReader? reader)
    {
        if (reader is null)
        {
            return [];
        }

        var parameters = ReadParameterList(reader);
        reader.Node("exitCode");
        reader.Node("result");
        reader.Finish();
        return parameters;
    }

    private static List<Parameter> ReadParameterList(MapReader reader) =>
        reader.List("parameters", (node, path) => ReadParameter(reader.Context, node, path)).ToList();

    private static Parameter? ReadParameter(LoadContext context, YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var parameter = new Parameter
        {
            Name = reader.RequiredString("name", "name the parameter"),
            Value = ReadLooseString(reader, "value"),
            Default = ReadLooseString(reader, "default"),
            Enum = reader.Has("enum") ? reader.StringList("enum") : null,
            Description = reader.String("description"),
            ValueFrom = ReadValueFrom(reader.Map("valueFrom", new FieldPolicy(
                new HashSet<string>(),
                new Dictionary<string, string>
                {
                    ["jqFilter"] = "jq filters (use jsonPath or expression)",
                    ["event"] = "event-sourced parameters",
                },
                new Dictionary<string, string>()))),
            GlobalName = reader.String("globalName"),
        };
        reader.Finish();
        return parameter;
    }

    /// <summary>A parameter value may be written as a list or map in YAML; Argo keeps it as its JSON text.</summary>
    private static string? ReadLooseString(MapReader reader, string key)
    {
        var node = reader.Node(key);
        return node switch
        {
            null => null,
            YamlScalarNode => reader.String(key),
            _ => reader.Json(key)?.ToJsonString(),
        };
    }

    private static ValueFrom? ReadValueFrom(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var valueFrom = new ValueFrom
        {
            Path = reader.String("path"),
            Expression = reader.String("expression"),
            Parameter = reader.String("parameter"),
            JsonPath = reader.String("jsonPath"),
            Default = reader.String("default"),
            Supplied = reader.Has("supplied"),
            ConfigMapKeyRef = SynchronizationReader.ReadConfigMapKeyRef(reader.Map("configMapKeyRef", FieldPolicy.Strict), "parameter's value"),
        };
        reader.Finish();
        return valueFrom;
    }

    public static IReadOnlyDictionary<string, LifecycleHook> ReadHooks(MapReader? reader)
    {
        var hooks = new Dictionary<string, LifecycleHook>(StringComparer.Ordinal);
        if (reader is null)
        {
            return hooks;
        }

        foreach (var name in reader.Keys.ToList())
        {
            var hookReader = reader.Map(name, FieldPolicy.Strict);
            if (hookReader is null)
            {
                continue;
            }

            hooks[name] = new LifecycleHook
            {
                Template = hookReader.String("template"),
                TemplateRef = ReadTemplateRef(hookReader.Map("templateRef", FieldPolicy.Strict)),
                Arguments = ReadArguments(hookReader.Map("arguments", FieldPolicy.IO)),
                Expression = hookReader.String("expression"),
            };
            hookReader.Finish();
        }

        reader.Finish();
        return hooks;
    }

    public static RetryStrategy? ReadRetry(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var backoffReader = reader.Map("backoff", FieldPolicy.Strict);
        Backoff? backoff = null;
        if (backoffReader is not null)
        {
            backoff = new Backoff(backoffReader.IntOrString("duration"), backoffReader.IntOrString("factor"),
                backoffReader.IntOrString("maxDuration"))
            { Cap = backoffReader.IntOrString("cap") };
            backoffReader.Finish();
        }

        var retry = new RetryStrategy
        {
            Limit = reader.IntOrString("limit"),
            RetryPolicy = reader.String("retryPolicy"),
            Backoff = backoff,
            Expression = reader.String("expression"),
        };
        reader.Node("affinity");
        reader.Finish();
        return retry;
    }

    private static TemplateRef? ReadTemplateRef(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var templateRef = new TemplateRef(
            reader.RequiredString("name", "name the WorkflowTemplate that holds the template"),
            reader.RequiredString("template", "name the template inside it"),
            reader.Bool("clusterScope") ?? false);
        reader.Finish();
        return templateRef;
    }

    private static Sequence? ReadSequence(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var sequence = new Sequence(reader.IntOrString("count"), reader.IntOrString("start"),
            reader.IntOrString("end"), reader.String("format"));
        reader.Finish();
        return sequence;
    }

    private static ContinueOn? ReadContinueOn(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var continueOn = new ContinueOn(reader.Bool("failed") ?? false, reader.Bool("error") ?? false);
        reader.Finish();
        return continueOn;
    }
}
