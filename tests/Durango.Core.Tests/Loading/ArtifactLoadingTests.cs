using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Core.Tests.Loading;

/// <summary>
/// Artifacts load into the model (inputs, outputs, arguments, spec.arguments) with Argo's fields; drivers Durango does
/// not have are errors at their line and column that say to use azure (upstream: pkg/apis/workflow/v1alpha1
/// workflow_types.go, Artifact and ArtifactLocation).
/// </summary>
public class ArtifactLoadingTests
{
    private static Template Only(string templateYaml, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = WorkflowLoader.Load($"""
            kind: Workflow
            metadata: {"{name: a}"}
            spec:
              entrypoint: main
              templates:
            {templateYaml}
            """, "a.yaml");
        diagnostics = result.Diagnostics;
        return Assert.Single(result.Documents).Document.Spec.Templates[0];
    }

    [Fact]
    public void Load_InputAndOutputArtifacts_ReadsEveryArgoField()
    {
        var template = Only("""
              - name: main
                inputs:
                  artifacts:
                  - name: raw
                    path: /tmp/raw
                    mode: 0755
                    raw: {data: "hello"}
                  - name: blob
                    path: /in/blob
                    optional: true
                    subPath: a/b
                    azure:
                      endpoint: https://acct.blob.core.windows.net
                      container: c
                      blob: k
                      accountKeySecret: {name: creds, key: accountKey}
                  - name: web
                    path: /in/web
                    http:
                      url: https://example.com/x
                      headers: [{name: X-A, value: b}]
                      auth: {basicAuth: {usernameSecret: {name: s, key: u}, passwordSecret: {name: s, key: p}}}
                outputs:
                  artifacts:
                  - name: out
                    path: /tmp/out
                    globalName: g
                    archive: {none: {}}
                  - name: keyed
                    path: /tmp/k
                    s3: {key: my-file}
                container: {image: busybox, command: [sh]}
            """, out var diagnostics);

        Assert.Empty(diagnostics);
        var (raw, blob, web) = (template.Inputs.Artifacts[0], template.Inputs.Artifacts[1], template.Inputs.Artifacts[2]);
        Assert.Equal(("hello", 493), (raw.Raw!.Data, raw.Mode!.Value));
        Assert.Equal(("https://acct.blob.core.windows.net", "c", "k", "creds", true, "a/b"),
            (blob.Azure!.Endpoint, blob.Azure.Container, blob.Azure.Blob, blob.Azure.AccountKeySecret!.Name, blob.Optional, blob.SubPath));
        Assert.Equal(("https://example.com/x", "X-A", "u", "p"), (web.Http!.Url, web.Http.Headers[0].Name, web.Http.BasicUsername!.Key, web.Http.BasicPassword!.Key));
        Assert.Equal((ArtifactArchive.None, "g"), (template.Outputs.Artifacts[0].Archive, template.Outputs.Artifacts[0].GlobalName));
        Assert.Equal(("my-file", true), (template.Outputs.Artifacts[1].Azure!.Blob, template.Outputs.Artifacts[1].Azure!.KeyOnly));
    }

    [Theory]
    [InlineData("s3: {bucket: b, key: k}", "s3")]
    [InlineData("gcs: {bucket: b, key: k}", "gcs")]
    [InlineData("git: {repo: https://github.com/argoproj/argo-workflows.git}", "git")]
    [InlineData("hdfs: {path: /x}", "hdfs")]
    [InlineData("artifactory: {url: https://a}", "artifactory")]
    [InlineData("oss: {bucket: b, key: k}", "oss")]
    public void Load_UnsupportedDriver_ErrorAtItsLineSaysUseAzure(string location, string driver)
    {
        Only($"""
              - name: main
                inputs:
                  artifacts:
                  - name: a
                    path: /tmp/a
                    {location}
                container: {"{image: busybox, command: [sh]}"}
            """, out var diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.NotSupported, error.Code);
        Assert.Contains($"not supported: '{driver}' artifacts; use azure", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].inputs.artifacts[0]." + driver, error.Path);
        Assert.Equal(11, error.Location!.Line);
    }

    [Fact]
    public void Load_SpecAndStepArguments_ReadFromAndFromExpression()
    {
        var result = WorkflowLoader.Load("""
            kind: Workflow
            metadata: {name: a}
            spec:
              entrypoint: main
              arguments:
                artifacts:
                - name: text
                  raw: {data: "1"}
              templates:
              - name: main
                steps:
                - - name: use
                    template: main
                    arguments:
                      artifacts:
                      - name: x
                        from: "{{steps.gen.outputs.artifacts.y}}"
                      - name: z
                        fromExpression: "steps.gen.outputs.artifacts.y"
            """, "a.yaml");

        Assert.Empty(result.Diagnostics);
        var spec = Assert.Single(result.Documents).Document.Spec;
        Assert.Equal("1", spec.Arguments.Artifacts[0].Raw!.Data);
        var step = ((StepsBody)spec.Templates[0].Body).Groups[0][0];
        Assert.Equal("{{steps.gen.outputs.artifacts.y}}", step.Arguments.Artifacts[0].From);
        Assert.Equal("steps.gen.outputs.artifacts.y", step.Arguments.Artifacts[1].FromExpression);
    }

    [Fact]
    public void Load_ArtifactGC_ReadsStrategies_AndReportsAnUnknownOne()
    {
        var result = WorkflowLoader.Load("""
            kind: Workflow
            metadata: {name: a}
            spec:
              entrypoint: main
              artifactGC: {strategy: OnWorkflowDeletion, serviceAccountName: gc}
              templates:
              - name: main
                container: {image: busybox, command: [sh]}
                outputs:
                  artifacts:
                  - name: a
                    path: /tmp/a
                    artifactGC: {strategy: OnWorkflowCompletion}
                  - name: b
                    path: /tmp/b
                    artifactGC: {strategy: Sometimes}
            """, "a.yaml");

        var spec = Assert.Single(result.Documents).Document.Spec;
        Assert.Equal(ArtifactGC.OnWorkflowDeletion, spec.ArtifactGC!.Strategy);
        Assert.Equal(ArtifactGC.OnWorkflowCompletion, spec.Templates[0].Outputs.Artifacts[0].ArtifactGC!.Strategy);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.BadValue, 16), (error.Code, error.Location!.Line));
        Assert.Contains("'Sometimes' is not one of OnWorkflowCompletion, OnWorkflowDeletion, Never", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ArtifactRepositoryRefAndArchiveLogs_AreRead_ARepositoryInArchiveLocationIsNot()
    {
        var result = WorkflowLoader.Load("""
            kind: Workflow
            metadata: {name: a}
            spec:
              entrypoint: main
              artifactRepositoryRef: {configMap: my-repos, key: my-key}
              archiveLogs: true
              templates:
              - name: main
                archiveLocation: {archiveLogs: false}
                container: {image: busybox, command: [sh]}
              - name: other
                archiveLocation:
                  s3: {key: x}
                container: {image: busybox, command: [sh]}
            """, "a.yaml");

        var spec = Assert.Single(result.Documents).Document.Spec;
        Assert.Equal(new ArtifactRepositoryRef("my-repos", "my-key"), spec.ArtifactRepositoryRef);
        Assert.True(spec.ArchiveLogs);
        Assert.False(spec.Templates[0].ArchiveLocation!.ArchiveLogs);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.NotSupported, 13), (error.Code, error.Location!.Line));
        Assert.Contains("artifactRepositoryRef", error.Message, StringComparison.Ordinal);
    }
}
