using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Core.Tests.Loading;

public class WorkflowLoaderTests
{
    [Fact]
    public void Load_SeedExitHandlers_ReadsModel()
    {
        var text = File.ReadAllText(Durango.Testing.ConformanceCorpus.Seed("exit-handlers.yaml"));
        var result = WorkflowLoader.Load(text, "exit-handlers.yaml");

        Assert.Empty(result.Diagnostics);
        var doc = Assert.Single(result.Documents).Document;
        Assert.Equal(WorkflowKind.Workflow, doc.Kind);
        Assert.Equal("exit-handlers-", doc.Metadata.GenerateName);
        Assert.Equal("intentional-fail", doc.Spec.Entrypoint);
        Assert.Equal("exit-handler", doc.Spec.ExitHandlerTemplate);
        var steps = Assert.IsType<StepsBody>(doc.FindTemplate("exit-handler")!.Body);
        Assert.Equal(["notify", "celebrate", "cry"], steps.Groups[0].Select(s => s.Name));
        Assert.Equal("{{workflow.status}} == Succeeded", steps.Groups[0][1].When);
        var container = Assert.IsType<ContainerBody>(doc.FindTemplate("intentional-fail")!.Body).Container;
        Assert.Equal(["sh", "-c"], container.Command);
        Assert.Equal("alpine:latest", container.Image);
    }

    [Fact]
    public void Load_SourceMap_KnowsLineAndColumnOfEveryField()
    {
        var loaded = Specs.LoadOne(File.ReadAllText(Durango.Testing.ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml")));

        var location = loaded.SourceMap.Locate("spec.templates[0].steps[0][0].template");

        Assert.Equal(18, location.Line);
        Assert.Equal(19, location.Column);
    }

    [Fact]
    public void Load_SeveralDocuments_ReadsEach()
    {
        var result = WorkflowLoader.Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: a}
            spec:
              templates: [{name: t, container: {image: alpine}}]
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: ClusterWorkflowTemplate
            metadata: {name: b}
            spec:
              templates: [{name: t, suspend: {}}]
            """, "two.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal([WorkflowKind.WorkflowTemplate, WorkflowKind.ClusterWorkflowTemplate], result.Documents.Select(d => d.Document.Kind));
        Assert.Equal(1, result.Documents[1].Index);
    }

    [Theory]
    [InlineData("limit: 2")]
    [InlineData("limit: \"2\"")]
    [InlineData("limit: '2'")]
    public void Load_IntOrString_AcceptsQuotedAndUnquoted(string limit)
    {
        var doc = Specs.LoadOne(Specs.Workflow($$"""
            - name: main
              retryStrategy:
                {{limit}}
              container: {image: alpine, command: [echo, hi]}
            """)).Document;

        Assert.Equal("2", doc.Spec.Templates[0].RetryStrategy!.Limit);
    }

    [Fact]
    public void Load_AnchorsAndBlockScalars_Resolve()
    {
        var doc = Specs.LoadOne(Specs.Workflow("""
            - name: main
              script:
                image: python:alpine
                command: [python]
                env: &env
                  - name: A
                    value: "1"
                source: |
                  print("a")
                  print("b")
            - name: other
              container:
                image: alpine
                env: *env
            """)).Document;

        Assert.Equal("print(\"a\")\nprint(\"b\")\n", Assert.IsType<ScriptBody>(doc.Spec.Templates[0].Body).Source);
        Assert.Equal("A", Assert.IsType<ContainerBody>(doc.Spec.Templates[1].Body).Container.Env[0].Name);
    }

    [Fact]
    public void Load_MultiLineQuotedScalarLessIndented_AcceptedAsGoYamlDoes()
    {
        var doc = Specs.LoadOne(Specs.Workflow("""
            - name: main
              container:
                image: alpine
                command: [sh, -c]
                args: ["
                  echo one &&
                  echo two
                "]
            """)).Document;

        Assert.Equal(" echo one && echo two ", Assert.IsType<ContainerBody>(doc.Spec.Templates[0].Body).Container.Args[0]);
    }

    [Fact]
    public void Load_TwoBodies_IsDiagnosticNamingBoth()
    {
        var result = WorkflowLoader.Load(Specs.Workflow("""
            - name: main
              container: {image: alpine}
              script: {image: alpine, source: "x"}
            """), "t.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.TemplateKinds);
        Assert.Contains("container, script", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].script", error.Path);
    }

    [Fact]
    public void Load_KubernetesOnlyField_IsWarning()
    {
        var result = WorkflowLoader.Load(Specs.Workflow("""
            - name: main
              nodeSelector: {disk: ssd}
              container: {image: alpine, imagePullPolicy: Always}
            """), "t.yaml");

        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Contains(result.Diagnostics, d => d.Message == "ignored: Kubernetes-only field 'nodeSelector'");
        Assert.Contains(result.Diagnostics, d => d.Path == "spec.templates[0].container.imagePullPolicy");
    }

    [Fact]
    public void Load_UnknownField_IsErrorWithSuggestion()
    {
        var result = WorkflowLoader.Load(Specs.Workflow("""
            - name: main
              container: {imgae: alpine}
            """), "t.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal("unknown field 'imgae'; did you mean 'image'?", error.Message);
        Assert.Equal(new SourceLocation("t.yaml", 10, 17), error.Location);
    }

    [Theory]
    [InlineData("resource")]
    [InlineData("data")]
    public void Load_UnsupportedKind_IsNotSupportedError(string kind)
    {
        var result = WorkflowLoader.Load(Specs.Workflow($$"""
            - name: main
              {{kind}}: {}
            """), "t.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith($"not supported: '{kind}' templates", error.Message, StringComparison.Ordinal);
        Assert.IsType<UnsupportedBody>(Assert.Single(result.Documents).Document.Spec.Templates[0].Body);
    }

    [Fact]
    public void Load_MalformedYaml_IsDiagnosticWithLine()
    {
        var result = WorkflowLoader.Load("kind: Workflow\nspec:\n  entrypoint: [a\n  templates: x\n", "bad.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, error.Code);
        Assert.StartsWith("malformed YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("bad.yaml", error.Location!.File);
        Assert.True(error.Location.Line >= 3);
    }

    [Fact]
    public void Load_WrongShape_SaysWhatWasFound()
    {
        var result = WorkflowLoader.Load(Specs.Workflow("""
            - name: main
              container: {image: alpine, command: echo}
            """), "t.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("'command' must be a list, found the value 'echo'", error.Message);
    }

    [Fact]
    public void Load_PluginAndWithItems_KeepJson()
    {
        var doc = Specs.LoadOne(Specs.Workflow("""
            - name: main
              steps:
              - - name: s
                  template: mail
                  withItems: [1, "two", {a: b}]
            - name: mail
              plugin:
                email: {to: "a@example.com", subject: hi}
            """)).Document;

        var step = Assert.IsType<StepsBody>(doc.Spec.Templates[0].Body).Groups[0][0];
        Assert.Equal("[1,\"two\",{\"a\":\"b\"}]", new System.Text.Json.Nodes.JsonArray([.. step.WithItems!.Select(n => n?.DeepClone())]).ToJsonString());
        var plugin = Assert.IsType<PluginBody>(doc.Spec.Templates[1].Body);
        Assert.Equal("email", plugin.Name);
        Assert.Equal("hi", plugin.Config["subject"]!.GetValue<string>());
    }

    [Fact]
    public void Load_NotArgoKind_IsNotSupported()
    {
        var result = WorkflowLoader.Load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "cm.yaml");

        Assert.Contains("not supported: kind 'ConfigMap'", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
