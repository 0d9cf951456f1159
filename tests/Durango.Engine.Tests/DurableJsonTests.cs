using Durango.Core.Loading;
using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Testing;
using Microsoft.DurableTask.Converters;

namespace Durango.Engine.Tests;

/// <summary>
/// <see cref="DurableJson"/> (metadata generated at build time) writes exactly what the SDK's default converter writes
/// by reflection, so histories and stored specs read the same in every host.
/// </summary>
public sealed class DurableJsonTests
{
    private static readonly JsonDataConverter Reflection = JsonDataConverter.Default;

    public static TheoryData<string> CorpusFiles() => new(CorpusPaths());

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void WorkflowRunInput_CorpusWorkflow_SameJsonAsReflectionAndRoundTrips(string file)
    {
        var text = File.ReadAllText(Path.Combine(ConformanceCorpus.Directory, file));
        foreach (var input in RunInputs(text, file))
        {
            var generated = DurableJson.Converter.Serialize(input);
            Assert.Equal(Reflection.Serialize(input), generated);
            Assert.Equal(generated, DurableJson.Converter.Serialize(DurableJson.Converter.Deserialize<WorkflowRunInput>(generated)));
            foreach (var template in input.Workflow.Templates.Values)
            {
                Assert.Equal(Reflection.Serialize(template), DurableJson.Converter.Serialize(template));
            }
        }
    }

    [Theory]
    [InlineData(typeof(WorkflowRunInput))]
    [InlineData(typeof(TemplateRunInput))]
    [InlineData(typeof(LeafRunInput))]
    [InlineData(typeof(LeafRunResult))]
    [InlineData(typeof(NodeResult))]
    public void Options_EnginePayload_MetadataIsGenerated(Type type) =>
        Assert.IsType<DurableJsonContext>(DurableJson.Options.GetTypeInfo(type).OriginatingResolver);

    [Fact]
    public void CorpusFiles_ResolveSomeWorkflows_TheTheoryIsNotVacuous()
    {
        var resolved = CorpusPaths().Sum(file => RunInputs(File.ReadAllText(Path.Combine(ConformanceCorpus.Directory, file)), file).Count());
        Assert.True(resolved >= 100, $"only {resolved} corpus workflows resolved");
    }

    [Fact]
    public void LeafAndNodePayloads_SameJsonAsReflection()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var outputs = new NodeOutputs { Result = "hello", ExitCode = "0", Parameters = [new ParameterValue("p", "v")] };
        var payloads = new object[]
        {
            new LeafRunResult(NodePhase.Failed, "Error (exit code 1)", outputs, at, at.AddSeconds(2), Recorded: true, Abort: null),
            new WorkflowSummary(WorkflowPhase.Running, null, at, null, Suspended: true),
            new WorkflowRunOutput(WorkflowPhase.Succeeded, null, at, at.AddMinutes(1), new Dictionary<string, string> { ["out"] = "1" }),
            new StoreWorkflowInput("wf", "spec/abc", "{}"),
            new ControlSignal(ControlKind.Resume, "go") { NodeFieldSelector = "displayName=approve" },
        };
        foreach (var payload in payloads)
        {
            var generated = DurableJson.Converter.Serialize(payload);
            Assert.Equal(Reflection.Serialize(payload), generated);
            Assert.Equal(generated, DurableJson.Converter.Serialize(DurableJson.Converter.Deserialize(generated, payload.GetType())));
        }
    }

    private static IEnumerable<string> CorpusPaths() =>
        new[] { "seed", "argo-examples", "argo-e2e" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(ConformanceCorpus.Directory, folder), "*.yaml", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(ConformanceCorpus.Directory, file))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<WorkflowRunInput> RunInputs(string text, string file)
    {
        var load = WorkflowLoader.Load(text, file);
        var registry = new InMemoryTemplateRegistry(load.Documents.Select(d => d.Document));
        foreach (var (document, _, index) in load.Documents.Where(d => d.Document.Kind == WorkflowKind.Workflow))
        {
            var submission = new Submission(document, document.Metadata.Name ?? "wf", "uid-1", DateTimeOffset.UnixEpoch, []);
            if (SpecResolver.Resolve(submission, registry).Workflow is { } workflow)
            {
                yield return new WorkflowRunInput(workflow, text, index);
            }
        }
    }
}
