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
                ? ReadTemplate(reader.Context, defaults, reader.FieldPath("templateDefaults"), requireName: false, defaults: true)
                : null,
            WorkflowTemplateRef = ReadWorkflowTemplateRef(reader.Map("workflowTemplateRef", FieldPolicy.Strict)),
            WorkflowMetadata = ReadWorkflowMetadata(reader.Map("workflowMetadata", FieldPolicy.Strict)),
            Synchronization = SynchronizationReader.Read(reader.Map("synchronization", FieldPolicy.Strict)),
            Priority = reader.Int("priority"),
            ArtifactGC = ArtifactReader.ReadGC(reader.Map("artifactGC", FieldPolicy.Strict)),
            ArtifactRepositoryRef = ArtifactReader.ReadRepositoryRef(reader.Map("artifactRepositoryRef", FieldPolicy.Strict)),
            ArchiveLogs = reader.Bool("archiveLogs"),
        };
        reader.Finish();
        return spec;
    }

    public static Template? ReadTemplate(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path, bool requireName, bool defaults = false)
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
            Body = defaults ? BodyReader.ReadDefaults(reader) : BodyReader.ReadBody(reader, requireBody: requireName),
            Inputs = ReadInputs(reader.Map("inputs", FieldPolicy.IO)),
            Outputs = ReadOutputs(reader.Map("outputs", FieldPolicy.IO)),
            RetryStrategy = InvocationReader.ReadRetry(reader.Map("retryStrategy", FieldPolicy.Strict)),
            ActiveDeadlineSeconds = reader.IntOrString("activeDeadlineSeconds"),
            Timeout = reader.String("timeout"),
            Parallelism = reader.Int("parallelism"),
            FailFast = reader.Bool("failFast"),
            Hooks = InvocationReader.ReadHooks(reader.Map("hooks", FieldPolicy.Strict)),
            Synchronization = SynchronizationReader.Read(reader.Map("synchronization", FieldPolicy.Strict)),
            Memoize = MemoizeReader.Read(reader.Map("memoize", FieldPolicy.Strict)),
            Daemon = reader.Bool("daemon") ?? false,
            ArchiveLocation = ArtifactReader.ReadArchiveLocation(reader.Map("archiveLocation", FieldPolicy.Strict)),
        };
        reader.Finish();
        return template;
    }

    private static WorkflowMetadata? ReadWorkflowMetadata(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var labels = reader.StringMap("labels");
        var annotations = reader.StringMap("annotations");
        var labelsFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Map("labelsFrom", FieldPolicy.Strict) is { } from)
        {
            foreach (var label in from.Keys.ToList())
            {
                if (from.Map(label, FieldPolicy.Strict) is { } source)
                {
                    labelsFrom[label] = source.RequiredString("expression", "give the label's value as an expr-lang expression") ?? string.Empty;
                    source.Finish();
                }
            }

            from.Finish();
        }

        reader.Finish();
        return new WorkflowMetadata(labels, annotations, labelsFrom);
    }

    private static Inputs ReadInputs(MapReader? reader)
    {
        var artifacts = ArtifactReader.ReadList(reader);
        return new Inputs { Artifacts = artifacts, Parameters = InvocationReader.ReadParameters(reader) };
    }

    private static Outputs ReadOutputs(MapReader? reader)
    {
        var artifacts = ArtifactReader.ReadList(reader);
        return new Outputs { Artifacts = artifacts, Parameters = InvocationReader.ReadParameters(reader) };
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
