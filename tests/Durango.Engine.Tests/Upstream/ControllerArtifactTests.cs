using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's artifact tests. Upstream drives one or two <c>operate</c> passes
/// over a fake cluster, often with outputs written into the node by hand; the ports run the workflow to its end on the
/// process runtime, the step itself writing the file, and assert the same phases, nodes and outputs.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerArtifactTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestAddGlobalArtifactToScope: an artifact without globalName is not a workflow output; one with it is,
    // under its global name; publishing the same global name again replaces the location; a second global name is a
    // second output. Upstream calls addArtifactToGlobalScope directly; here three steps publish in turn.
    [Fact]
    public async Task AddGlobalArtifactToScope_OnlyGlobalOnesAndTheLatestLocation()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-art-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: local, template: local}
                - - {name: first, template: publish, arguments: {parameters: [{name: global, value: global-art}, {name: text, value: one}]}}
                - - {name: again, template: publish, arguments: {parameters: [{name: global, value: global-art}, {name: text, value: two}]}}
                - - {name: second, template: publish, arguments: {parameters: [{name: global, value: global-art2}, {name: text, value: three}]}}
              - name: local
                container: {image: argoproj/argosay:v2, args: [echo, local, /tmp/out]}
                outputs: {artifacts: [{name: test-art, path: /tmp/out}]}
              - name: publish
                inputs: {parameters: [{name: global}, {name: text}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.text}}", /tmp/out]}
                outputs: {artifacts: [{name: test-art, path: /tmp/out, globalName: "{{inputs.parameters.global}}"}]}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var artifacts = view.Status.Outputs!.Artifacts!;
        Assert.Equal(["global-art", "global-art2"], artifacts.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Empty(view.Status.Outputs.Parameters);
        Assert.Equal(KeyOf(view, "again"), KeyOf(artifacts.Single(a => a.Name == "global-art")));
        Assert.Equal(KeyOf(view, "second"), KeyOf(artifacts.Single(a => a.Name == "global-art2")));
    }

    // Ports TestParamSubstitutionWithArtifact (functional/param-sub-with-artifacts.yaml): an http input artifact's url
    // is an input parameter, filled from the workflow's argument of the same name; the step runs (one pod upstream).
    // A loopback server stands in for date.jsontest.com.
    [Fact]
    public async Task ParamSubstitutionWithArtifact_UrlFromAnInputParameter()
    {
        await using var server = await StartServerAsync();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: param-sub-with-artifacts-}
            spec:
              entrypoint: foo
              arguments:
                parameters:
                - name: artifact-url
                  value: {{{server.BaseUrl}}}/date
              templates:
              - name: foo
                inputs:
                  parameters:
                  - name: artifact-url
                  artifacts:
                  - name: foo-artifact
                    path: /tmp/foo.txt
                    mode: 0644
                    http:
                      url: "{{inputs.parameters.artifact-url}}"
                container:
                  image: alpine:3.23
                  command: ["cat"]
                  args: ["/tmp/foo.txt"]
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Single(server.To("/date"));
        Assert.Contains("\"date\"", await _engine.LogOfAsync(view.Metadata.Name!, view.Metadata.Name!), StringComparison.Ordinal);
    }

    // Ports TestGlobalParamSubstitutionWithArtifact (functional/global-param-sub-with-artifacts.yaml): the workflow's
    // own artifact argument has an http url from a workflow parameter.
    [Fact]
    public async Task GlobalParamSubstitutionWithArtifact_UrlFromAWorkflowParameter()
    {
        await using var server = await StartServerAsync();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-param-sub-with-artifacts-}
            spec:
              entrypoint: foo
              arguments:
                parameters:
                - name: artifact-url
                  value: {{{server.BaseUrl}}}/date
                artifacts:
                - name: foo-artifact
                  http:
                    url: "{{workflow.parameters.artifact-url}}"
              templates:
              - name: foo
                inputs:
                  artifacts:
                  - name: foo-artifact
                    path: /tmp/foo.txt
                    mode: 0644
                container:
                  image: alpine:3.23
                  command: ["cat"]
                  args: ["/tmp/foo.txt"]
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Single(server.To("/date"));
        Assert.Contains("\"date\"", await _engine.LogOfAsync(view.Metadata.Name!, view.Metadata.Name!), StringComparison.Ordinal);
    }

    // Ports TestNestedOptionalOutputArtifacts: a nested steps template's optional output artifact comes `from` a step
    // skipped by its `when`; the workflow Succeeds.
    [Fact]
    public async Task NestedOptionalOutputArtifacts_FromASkippedStep_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: artifact-passing-}
            spec:
              entrypoint: artifact-example
              templates:
              - name: artifact-example
                steps:
                - - name: skip-artifact-generation
                    template: conditional-whalesay
                    arguments:
                      parameters:
                      - name: proceed
                        value: "false"
              - name: whalesay
                container:
                  image: docker/whalesay:latest
                  command: [sh, -c]
                  args: ["cowsay hello world | tee /tmp/hello_world.txt"]
                outputs:
                  artifacts:
                  - name: hello-art
                    path: /tmp/hello_world.txt
              - name: conditional-whalesay
                inputs:
                  parameters:
                  - name: proceed
                steps:
                - - name: whalesay
                    template: whalesay
                    when: "{{inputs.parameters.proceed}}"
                outputs:
                  artifacts:
                  - name: hello-art
                    from: "{{steps.whalesay.outputs.artifacts.hello-art}}"
                    optional: true
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal(NodePhase.Skipped, view.Node("whalesay").Phase);
        Assert.Null(view.Node("skip-artifact-generation").Outputs?.Artifacts);
    }

    // Ports TestWFGlobalArtifactNil: the step that would publish the global artifact and parameter fails, so neither
    // exists when the exit handler asks for them. Upstream asserts only that the controller does not panic; here the
    // workflow Fails and the exit handler's nodes end: the parameter stays as written, the artifact does not resolve.
    [Fact]
    public async Task WFGlobalArtifactNil_ExitHandlerReferencesAMissingGlobal_Ends()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-outputs-}
            spec:
              entrypoint: generate-globals
              onExit: consume-globals
              templates:
              - name: generate-globals
                steps:
                - - name: generate
                    template: global-output
                - - name: consume-globals
                    template: consume-globals
              - name: global-output
                container: {image: alpine:3.23, command: [sh, -c], args: ["exit 1"]}
                outputs:
                  artifacts:
                  - {globalName: my-global-art, name: hello-art, path: /tmp/hello_world.txt}
                  parameters:
                  - globalName: my-global-param
                    name: hello-param
                    valueFrom: {path: /tmp/hello_world.txt}
              - name: consume-globals
                steps:
                - - name: consume-global-param
                    template: consume-global-param
                  - name: consume-global-art
                    template: consume-global-art
                    arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.my-global-art}}', name: art}
              - name: consume-global-param
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo {{inputs.parameters.param}}"]}
                inputs:
                  parameters:
                  - {name: param, value: '{{workflow.outputs.parameters.my-global-param}}'}
              - name: consume-global-art
                container: {image: alpine:3.23, command: [sh, -c], args: ["cat /art"]}
                inputs:
                  artifacts:
                  - {name: art, path: /art}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Failed, Messages(view));
        Assert.Equal(NodePhase.Failed, view.Node("generate").Phase);
        Assert.False(view.HasNode("generate-globals[1].consume-globals"), Messages(view));
        var onExit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.True(onExit.Phase is NodePhase.Failed or NodePhase.Error, Messages(view));
        Assert.Null(view.Status.Outputs);
    }

    // Ports TestWithItemsOptionalArtStepsWF: the producer writes no file for its optional output, and a withItems
    // step passes that output on as an optional argument; the iteration runs (upstream: its pod is Pending) without it.
    [Fact]
    public async Task WithItemsOptionalArtStepsWF_IterationRunsWithoutTheArtifact()
    {
        var view = await _engine.RunAsync(OptionalArtWithItems("steps"));

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var node = view.Node("consume-artifact(0:hello world)");
        Assert.Equal(NodePhase.Succeeded, node.Phase);
        Assert.Contains("0", await _engine.LogOfAsync(view.Metadata.Name!, node.DisplayName), StringComparison.Ordinal);
    }

    // Ports TestWithItemsOptionalArtDAGWF: the same as a DAG.
    [Fact]
    public async Task WithItemsOptionalArtDAGWF_IterationRunsWithoutTheArtifact()
    {
        var view = await _engine.RunAsync(OptionalArtWithItems("dag"));

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal(NodePhase.Succeeded, view.Node("consume-artifact(0:hello world)").Phase);
    }

    private static string OptionalArtWithItems(string kind)
    {
        var body = kind == "dag"
            ? """
                dag:
                  tasks:
                  - name: generate-artifact
                    template: whalesay
                  - name: consume-artifact
                    template: print-message
                    dependencies: [generate-artifact]
                    arguments:
                      artifacts:
                      - {name: message, optional: true, from: "{{tasks.generate-artifact.outputs.artifacts.message}}"}
                    withItems: [hello world]
            """
            : """
                steps:
                - - name: generate-artifact
                    template: whalesay
                - - name: consume-artifact
                    template: print-message
                    arguments:
                      artifacts:
                      - {name: message, optional: true, from: "{{steps.generate-artifact.outputs.artifacts.message}}"}
                    withItems: [hello world]
            """;
        return $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: fail-optional-artifact-with-items-{{kind}}-}
            spec:
              entrypoint: artifact-example
              templates:
              - name: artifact-example
            {{body}}
              - name: whalesay
                container: {image: argoproj/argosay:v1, command: [sh, -c], args: ["sleep 0.1;"]}
                outputs:
                  artifacts:
                  - {name: message, optional: true, path: /tmp/hello_world}
              - name: print-message
                inputs:
                  artifacts:
                  - {name: message, optional: true, path: /tmp/message}
                container: {image: alpine:3.23, command: [sh, -c], args: ["test -e /tmp/message && ls /tmp/message || echo 0"]}
            """;
    }

    private static Task<LoopbackServer> StartServerAsync() => LoopbackServer.StartAsync(async (_, http) =>
    {
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("""{"date": "12-01-2026"}""");
    });

    private static string? KeyOf(WorkflowView view, string step) => KeyOf(view.Node(step).Outputs!.Artifacts!.Single(a => a.Name == "test-art"));

    private static string? KeyOf(Core.Spec.Artifact artifact) => artifact.Azure?.Blob;

    private static string Messages(WorkflowView view) =>
        $"{view.Status.Phase}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}"));
}
