using System.Text.Json.Nodes;
using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>Reads the one body of a template, and reports a template with none or with several.</summary>
internal static class BodyReader
{
    private static readonly string[] BodyFields =
        ["container", "script", "http", "suspend", "steps", "dag", "plugin", "resource", "data", "containerSet"];

    public static TemplateBody ReadBody(MapReader reader, bool requireBody)
    {
        var present = BodyFields.Where(reader.Has).ToList();
        if (present.Count > 1)
        {
            reader.Context.Error(DiagnosticCodes.TemplateKinds, reader.FieldPath(present[1]),
                $"template has more than one kind ({string.Join(", ", present)}); keep exactly one");
        }

        if (present.Count == 0)
        {
            if (requireBody)
            {
                reader.Context.Error(DiagnosticCodes.TemplateKinds, reader.Path,
                    "template has no kind; give it one of container, script, containerSet, http, suspend, steps, dag or plugin");
            }

            return new UnsupportedBody("none");
        }

        var kind = present[0];
        foreach (var extra in present.Skip(1))
        {
            reader.Node(extra);
        }

        return kind switch
        {
            "container" => new ContainerBody(ReadContainer(reader.Map(kind, FieldPolicy.Container), hasSource: false).Container),
            "script" => ReadScript(reader.Map(kind, FieldPolicy.Container)),
            "http" => ReadHttp(reader, reader.Map(kind, FieldPolicy.Strict)),
            "suspend" => ReadSuspend(reader.Map(kind, FieldPolicy.Strict)),
            "steps" => ReadSteps(reader),
            "dag" => ReadDag(reader.Map(kind, FieldPolicy.Strict)),
            "plugin" => ReadPlugin(reader),
            "containerSet" => ContainerSetReader.Read(reader.Map(kind, FieldPolicy.Strict)),
            _ => Unsupported(reader, kind),
        };
    }

    /// <summary>
    /// Reads the bodies of <c>spec.templateDefaults</c>: a <c>container</c> and a <c>script</c> may both be given, as
    /// defaults for the templates of each kind; any other kind has nothing to default and is an error.
    /// </summary>
    public static TemplateBody ReadDefaults(MapReader reader)
    {
        foreach (var other in BodyFields.Where(f => f is not ("container" or "script")).Where(reader.Has))
        {
            reader.Node(other);
            reader.Context.Error(DiagnosticCodes.TemplateKinds, reader.FieldPath(other),
                $"templateDefaults cannot give a '{other}'; give defaults for container and script templates only");
        }

        var container = reader.Has("container") ? ReadContainer(reader.Map("container", FieldPolicy.Container), hasSource: false).Container : null;
        var script = reader.Has("script") ? ReadContainer(reader.Map("script", FieldPolicy.Container), hasSource: true).Container : null;
        return new DefaultBodies(container, script);
    }

    private static UnsupportedBody Unsupported(MapReader reader, string kind)
    {
        reader.Node(kind);
        reader.Context.Error(DiagnosticCodes.NotSupported, reader.FieldPath(kind),
            $"not supported: '{kind}' templates; use a container, script or http template instead");
        return new UnsupportedBody(kind);
    }

    internal static (ContainerSpec Container, string? Source) ReadContainer(MapReader? reader, bool hasSource)
    {
        if (reader is null)
        {
            return (new ContainerSpec(), null);
        }

        var resources = reader.Map("resources", FieldPolicy.Strict);
        var requests = resources?.StringMap("requests") ?? new Dictionary<string, string>();
        var limits = resources?.StringMap("limits") ?? new Dictionary<string, string>();
        resources?.Node("claims");
        resources?.Finish();
        var spec = new ContainerSpec
        {
            Image = reader.String("image"),
            Command = reader.StringList("command"),
            Args = reader.StringList("args"),
            Env = reader.List("env", (node, path) => ReadEnvVar(reader.Context, node, path)),
            WorkingDir = reader.String("workingDir"),
            Requests = requests,
            Limits = limits,
            ReadinessProbe = ProbeReader.Read(reader),
        };
        var source = hasSource ? reader.String("source") : null;
        reader.Finish();
        return (spec, source);
    }

    private static ScriptBody ReadScript(MapReader? reader)
    {
        var (container, source) = ReadContainer(reader, hasSource: true);
        return new ScriptBody(container, source ?? string.Empty);
    }

    private static EnvVar? ReadEnvVar(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var name = reader.RequiredString("name", "name the environment variable");
        var value = reader.String("value");
        var secret = ReadValueFromSecret(reader, "environment variable");
        reader.Finish();
        return new EnvVar(name, value, secret);
    }

    /// <summary>Reads <c>valueFrom.secretKeyRef</c>, the only <c>valueFrom</c> source Durango resolves.</summary>
    internal static SecretKeyRef? ReadValueFromSecret(MapReader reader, string what)
    {
        var valueFrom = reader.Map("valueFrom", new FieldPolicy(
            new HashSet<string> { "fieldRef", "resourceFieldRef" },
            new Dictionary<string, string> { ["configMapKeyRef"] = "ConfigMaps (use a secretKeyRef from configuration)" },
            new Dictionary<string, string>()));
        if (valueFrom is null)
        {
            return null;
        }

        SecretKeyRef? secret = null;
        if (valueFrom.Map("secretKeyRef", FieldPolicy.Strict) is { } refReader)
        {
            secret = new SecretKeyRef(
                refReader.RequiredString("name", $"name the secret that holds this {what}"),
                refReader.RequiredString("key", "name the key in the secret"),
                refReader.Bool("optional") ?? false);
            refReader.Finish();
        }

        valueFrom.Finish();
        return secret;
    }

    private static HttpBody ReadHttp(MapReader template, MapReader? reader)
    {
        if (reader is null)
        {
            return new HttpBody(new HttpSpec { Url = string.Empty });
        }

        var spec = new HttpSpec
        {
            Url = reader.RequiredString("url", "give the URL to call"),
            Method = reader.String("method") ?? "GET",
            Headers = reader.List("headers", (node, path) => ReadHeader(template.Context, node, path)),
            Body = reader.String("body"),
            TimeoutSeconds = reader.Int("timeoutSeconds"),
            SuccessCondition = reader.String("successCondition"),
            InsecureSkipVerify = reader.Bool("insecureSkipVerify") ?? false,
        };
        if (reader.Has("bodyFrom"))
        {
            reader.Context.Error(DiagnosticCodes.NotSupported, reader.FieldPath("bodyFrom"),
                "not supported: 'bodyFrom' (bytes); put the request text in 'body'");
        }

        reader.Finish();
        return new HttpBody(spec);
    }

    private static HttpHeader? ReadHeader(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var header = new HttpHeader(
            reader.RequiredString("name", "name the header"), reader.String("value"), ReadValueFromSecret(reader, "header"));
        reader.Finish();
        return header;
    }

    private static SuspendBody ReadSuspend(MapReader? reader)
    {
        var duration = reader?.String("duration");
        reader?.Finish();
        return new SuspendBody(duration);
    }

    private static StepsBody ReadSteps(MapReader reader)
    {
        var groups = reader.List("steps", (node, path) =>
        {
            if (node is not YamlDotNet.RepresentationModel.YamlSequenceNode group)
            {
                reader.Context.Error(DiagnosticCodes.WrongType, path,
                    "each entry of 'steps' must be a list of parallel steps; write '- - name: ...'");
                return null;
            }

            var steps = new List<WorkflowStep>();
            for (var i = 0; i < group.Children.Count; i++)
            {
                var stepPath = SpecPath.Index(path, i);
                reader.Context.Record(stepPath, group.Children[i]);
                if (InvocationReader.ReadStep(reader.Context, group.Children[i], stepPath) is { } step)
                {
                    steps.Add(step);
                }
            }

            return (IReadOnlyList<WorkflowStep>)steps;
        });
        return new StepsBody(groups);
    }

    private static DagBody ReadDag(MapReader? reader)
    {
        if (reader is null)
        {
            return new DagBody([]);
        }

        var body = new DagBody(reader.List("tasks", (node, path) => InvocationReader.ReadTask(reader.Context, node, path)))
        {
            Target = reader.String("target"),
            FailFast = reader.Bool("failFast") ?? true,
        };
        reader.Finish();
        return body;
    }

    private static PluginBody ReadPlugin(MapReader reader)
    {
        var config = reader.Json("plugin") as JsonObject;
        if (config is null || config.Count != 1 || config.First().Value is not JsonObject pluginConfig)
        {
            reader.Context.Error(DiagnosticCodes.WrongType, reader.FieldPath("plugin"),
                "'plugin' must hold exactly one plugin by name, e.g. 'plugin: {email: {to: ..., subject: ...}}'");
            return new PluginBody(string.Empty, []);
        }

        var name = config.First().Key;
        config.Remove(name);
        return new PluginBody(name, pluginConfig);
    }
}
