using Durango.Core.Diagnostics;
using Durango.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// Reads Argo objects from YAML (or JSON, which is YAML) text. Never throws on bad input: everything wrong
/// with the text becomes a diagnostic with file, line and column.
/// </summary>
public static class WorkflowLoader
{
    private static readonly Dictionary<string, WorkflowKind> Kinds = new(StringComparer.Ordinal)
    {
        ["Workflow"] = WorkflowKind.Workflow,
        ["WorkflowTemplate"] = WorkflowKind.WorkflowTemplate,
        ["ClusterWorkflowTemplate"] = WorkflowKind.ClusterWorkflowTemplate,
        ["CronWorkflow"] = WorkflowKind.CronWorkflow,
    };

    /// <summary>The deepest a document may nest mappings and lists; deeper is diagnostic <see cref="DiagnosticCodes.TooDeep"/>.</summary>
    public const int MaxDepth = 256;

    /// <summary>The most nodes a document may hold once its aliases (<c>*name</c>) are expanded.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Loads every document of <paramref name="text"/>; <paramref name="file"/> names it in diagnostics.</summary>
    public static LoadResult Load(string text, string file)
    {
        var diagnostics = new List<Diagnostic>();
        var documents = new List<LoadedDocument>();
        YamlStream stream;
        try
        {
            stream = LenientYaml.Parse(text);
        }
        catch (YamlLimitException e)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, e.Code, e.Reason, e.Path, Locate(e, file)));
            return new LoadResult(documents, diagnostics);
        }
        catch (YamlException e)
        {
            diagnostics.Add(TabIndentation.Find(text, e, file) ?? SyntaxError(e, file));
            return new LoadResult(documents, diagnostics);
        }

        for (var index = 0; index < stream.Documents.Count; index++)
        {
            var root = stream.Documents[index].RootNode;
            if (root is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            var sourceMap = new SourceMap(file);
            var context = new LoadContext(sourceMap, diagnostics);
            if (ReadDocument(context, root) is { } document)
            {
                documents.Add(new LoadedDocument(document, sourceMap, index));
            }
        }

        if (documents.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.Required,
                "the file holds no document; write a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow",
                string.Empty, new SourceLocation(file, 1, 1)));
        }

        return new LoadResult(documents, diagnostics);
    }

    private static Diagnostic SyntaxError(YamlException e, string file)
    {
        // YamlDotNet wraps the useful message; the innermost one names the real problem.
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        return new Diagnostic(Severity.Error, DiagnosticCodes.YamlSyntax,
            $"malformed YAML: {message.TrimEnd('.')}; check the indentation and quoting here",
            string.Empty, Locate(e, file));
    }

    private static SourceLocation Locate(YamlException e, string file) =>
        new(file, (int)Math.Clamp(e.Start.Line, 1, int.MaxValue), (int)Math.Clamp(e.Start.Column, 1, int.MaxValue));

    private static WorkflowDocument? ReadDocument(LoadContext context, YamlNode root)
    {
        var reader = context.Map(root, string.Empty, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var kindText = reader.String("kind");
        var apiVersion = reader.String("apiVersion") ?? "argoproj.io/v1alpha1";
        if (kindText is null || !Kinds.TryGetValue(kindText, out var kind))
        {
            var message = kindText is null
                ? "'kind' is missing; set it to Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow"
                : $"not supported: kind '{kindText}'; Durango runs Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow";
            context.Error(kindText is null ? DiagnosticCodes.Required : DiagnosticCodes.UnknownKind, "kind", message);
            return null;
        }

        var metadata = ReadMetadata(reader.Map("metadata", FieldPolicy.Strict));
        WorkflowSpec spec;
        CronWorkflowSpec? cron = null;
        if (kind == WorkflowKind.CronWorkflow)
        {
            var cronReader = reader.Map("spec", FieldPolicy.Strict);
            (cron, spec) = cronReader is null ? (new CronWorkflowSpec(), new WorkflowSpec()) : CronSpecReader.Read(cronReader);
        }
        else
        {
            var specReader = reader.Map("spec", FieldPolicy.Spec);
            spec = specReader is null ? new WorkflowSpec() : SpecReader.ReadSpec(specReader);
        }

        reader.Node("status"); // an object fetched from a cluster carries its status; it is not an input.
        reader.Finish();
        return new WorkflowDocument { Kind = kind, ApiVersion = apiVersion, Metadata = metadata, Spec = spec, Cron = cron };
    }

    internal static ObjectMeta ReadMetadata(MapReader? reader)
    {
        if (reader is null)
        {
            return new ObjectMeta();
        }

        var meta = new ObjectMeta
        {
            Name = reader.String("name"),
            GenerateName = reader.String("generateName"),
            Namespace = reader.String("namespace"),
            Labels = reader.StringMap("labels"),
            Annotations = reader.StringMap("annotations"),
        };
        foreach (var ignored in new[] { "uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "ownerReferences", "finalizers" })
        {
            reader.Node(ignored);
        }

        reader.Finish();
        return meta;
    }
}
