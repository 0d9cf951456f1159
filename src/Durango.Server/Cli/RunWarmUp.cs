using Durango.Core.Loading;
using Durango.Core.Resolution;
using Durango.Core.Validation;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Microsoft.DurableTask.Converters;

namespace Durango.Server.Cli;

/// <summary>
/// The start of <c>durango run</c> on the machine's other core: while the main thread builds the container and starts
/// the backend, a pool thread loads, validates and resolves a small built-in workflow and puts it through the durable
/// payload converter, so that the code the main thread runs next (the loader, the validator, the resolver, the
/// workflow variables, the JSON metadata of the workflow's input) is compiled by then, and the converter's metadata
/// is cached. Nothing it does is seen: it touches no store and no backend, and a failure is ignored (the run does the
/// same work itself). Measured for issue 12 (README, "Benchmarks").
/// </summary>
internal static class RunWarmUp
{
    private const string Sample = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: warm-up-, labels: {app: warm-up}}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: greeting, value: hello}]}
          templates:
            - name: main
              steps:
                - - {name: say, template: say, arguments: {parameters: [{name: text, value: "{{workflow.parameters.greeting}}"}]}}
            - name: say
              inputs: {parameters: [{name: text}]}
              container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
        """;

    /// <summary>Starts the warm-up; the caller does not wait for it.</summary>
    public static Task Start() => Task.Run(Run);

    private static void Run()
    {
        try
        {
            var load = WorkflowLoader.Load(Sample, "warm-up.yaml");
            if (load.HasErrors || load.Documents.Count != 1)
            {
                return;
            }

            var loaded = load.Documents[0];
            _ = WorkflowValidator.Validate(loaded, InMemoryTemplateRegistry.Empty);
            var submission = new Submission(loaded.Document, "warm-up", Guid.Empty.ToString(), DateTimeOffset.UnixEpoch, []);
            if (SpecResolver.Resolve(submission, InMemoryTemplateRegistry.Empty).Workflow is not { } workflow)
            {
                return;
            }

            _ = Globals.For(workflow);
            var converter = JsonDataConverter.Default;
            var json = converter.Serialize(new WorkflowRunInput(workflow, Sample, loaded.Index));
            _ = converter.Deserialize<WorkflowRunInput>(json);
        }
        catch (Exception)
        {
            // A warm-up that fails changes nothing: the run does the same work and reports its own errors.
        }
    }
}
