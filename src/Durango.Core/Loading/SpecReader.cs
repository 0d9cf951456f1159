using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>Reads a workflow spec and its templates.</summary>
internal static class SpecReader
{
    public static WorkflowSpec ReadSpec(MapReader reader)
    {
        var spec = new WorkflowSpec
        {
            Entrypoint = reader.String("entrypoint"),
            Arguments = InvocationReader.ReadArguments(reader.Map("arguments", FieldPolicy.IO)),
            Templates = reader.List("templates", (node, path) => ReadTemplate(reader.Context, node, path, requireName: true)),
            OnExit = reader.String("onExit"),
            Hooks = InvocationReader.ReadHooks(reader.Map("hooks", FieldPolicy.Strict)),
            ActiveDeadlineSeconds = reader.IntOrString("activeDeadlineSeconds"),
            Parallelism = reader.Int("parallelism"),
            RetryStrategy = InvocationReader.ReadRetry(reader.Map("retryStrategy", FieldPolicy.Strict)),
            TemplateDefaults = reader.Node("templateDefaults") is { } defaults
                ? ReadTemplate(reader.Context, defaults, reader.FieldPath("templateDefaults"), requireName: false)
                : null,
            WorkflowTemplateRef = ReadWorkflowTemplateRef(reader.Map("workflowTemplateRef", FieldPolicy.Strict)),
        };
        reader.Finish();
        return spec;
    }

    public static Template? ReadTemplate(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path, bool requireName)
    {
        var reader = context.Map(node, path, FieldPolicy.Template);
        if (reader is null)
        {
            return null;
        }

        var name = requireName
            ? reader.RequiredString("name", "give every template a name that steps and tasks can refer to")
            : reader.String("name") ?? string.Empty;
        var template = new Template
        {
            Name = name,
            Body = BodyReader.ReadBody(reader, requireBody: requireName),
            Inputs = new Inputs { Parameters = InvocationReader.ReadParameters(reader.Map("inputs", FieldPolicy.IO)) },
            Outputs = new Outputs { Parameters = InvocationReader.ReadParameters(reader.Map("outputs", FieldPolicy.IO)) },
            RetryStrategy = InvocationReader.ReadRetry(reader.Map("retryStrategy", FieldPolicy.Strict)),
            ActiveDeadlineSeconds = reader.IntOrString("activeDeadlineSeconds"),
            Timeout = reader.String("timeout"),
            Parallelism = reader.Int("parallelism"),
            Hooks = InvocationReader.ReadHooks(reader.Map("hooks", FieldPolicy.Strict)),
            Memoize = MemoizeReader.Read(reader.Map("memoize", FieldPolicy.Strict)),
            Daemon = reader.Bool("daemon") ?? false,
        };
        reader.Finish();
        return template;
    }

    private static WorkflowTemplateRef? ReadWorkflowTemplateRef(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var name = reader.RequiredString("name", "name the WorkflowTemplate to run");
        var cluster = reader.Bool("clusterScope") ?? false;
        reader.Finish();
        return new WorkflowTemplateRef(name, cluster);
    }
}
