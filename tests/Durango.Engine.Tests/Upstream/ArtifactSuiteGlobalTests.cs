using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/artifacts_test.go's TestGlobalArtifactPassing "Complex" (testdata/complex-global-artifact-passing.yaml):
/// global artifacts read and republished through a nested steps template. Upstream's MinIO bucket becomes a key of the
/// default repository, and its one-second sleeps are left out.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class ArtifactSuiteGlobalTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // A nested steps template reads two global artifacts and republishes one, updated; the last step saves it
    // ("Updated testUpdate").
    [Fact]
    public async Task GlobalArtifactPassing_Complex_TheNestedUpdateWins()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: global-artifact-passing-
            spec:
              entrypoint: test-root
              templates:
              - name: test-root
                steps:
                - - name: create-global-artifacts
                    template: create-global-artifacts
                - - arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.testInput}}', name: testInput}
                      - {from: '{{workflow.outputs.artifacts.testUpdate}}', name: testUpdate}
                    name: nested-workflow-entrypoint
                    template: main
                - - arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.testUpload}}', name: testUpload}
                    name: upload-testupload-step
                    template: upload-testupload
                - - arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.testUpdate}}', name: testUpdate}
                    name: upload-testupdate-step
                    template: upload-testupdate
              - name: main
                steps:
                - - arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.testInput}}', name: input}
                    name: cp
                    template: cp
                - - arguments:
                      artifacts:
                      - {from: '{{workflow.outputs.artifacts.testUpdate}}', name: input-parameters}
                    name: generate-testupdate-update
                    template: generate-testupdate-update
                - - arguments:
                      artifacts:
                      - {from: '{{steps.cp.outputs.artifacts.upload}}', name: testUpload}
                    name: output-testupload
                    template: output-testupload
                - - arguments:
                      artifacts:
                      - {from: '{{steps.generate-testupdate-update.outputs.artifacts.updated-testupdate}}', name: testUpdate}
                    name: output-testupdate
                    template: output-testupdate
              - name: create-global-artifacts
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["echo -n 'test input' > /testInput.txt; echo -n 'test update' > /testUpdate.txt"]
                outputs:
                  artifacts:
                  - {globalName: testInput, name: testInput, path: /testInput.txt, archive: {none: {}}}
                  - {globalName: testUpdate, name: testUpdate, path: /testUpdate.txt, archive: {none: {}}}
              - name: cp
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["cp /input.txt /upload.txt"]
                inputs:
                  artifacts:
                  - {name: input, path: /input.txt}
                outputs:
                  artifacts:
                  - {name: upload, path: /upload.txt}
              - name: generate-testupdate-update
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["echo -n 'Updated testUpdate' > /updated-testUpdate.txt"]
                outputs:
                  artifacts:
                  - {name: updated-testupdate, path: /updated-testUpdate.txt, archive: {none: {}}}
              - name: output-testupload
                container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["true"]}
                inputs:
                  artifacts:
                  - {name: testUpload, path: /testUpload.txt}
                outputs:
                  artifacts:
                  - {globalName: testUpload, name: testUpload, path: /testUpload.txt}
              - name: output-testupdate
                container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["true"]}
                inputs:
                  artifacts:
                  - {name: testUpdate, path: /testUpdate.txt}
                outputs:
                  artifacts:
                  - {globalName: testUpdate, name: testUpdate, path: /testUpdate.txt}
              - name: upload-testupload
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["cat /upload/testInput.txt > /upload/testUpload.txt"]
                inputs:
                  artifacts:
                  - {name: testUpload, path: /upload/testInput.txt}
                outputs:
                  artifacts:
                  - {globalName: uploadresult, name: uploadresult, path: /upload/testUpload.txt}
              - name: upload-testupdate
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["cat /upload/testUpdate.txt"]
                inputs:
                  artifacts:
                  - {name: testUpdate, path: /upload/testUpdate.txt}
                outputs:
                  artifacts:
                  - name: finalTestUpdate
                    path: /upload/testUpdate.txt
                    archive: {none: {}}
                    azure: {blob: "{{workflow.name}}/finalTestUpdate"}
                    artifactGC: {strategy: OnWorkflowDeletion}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal("Updated testUpdate", await ReadAsync($"{view.Metadata.Name}/finalTestUpdate"));
        Assert.Equal(
            ["testInput", "testUpdate", "testUpload", "uploadresult"],
            view.Status.Outputs!.Artifacts!.Select(a => a.Name).Order(StringComparer.Ordinal));
    }

    private static string Messages(WorkflowView view) =>
        $"{view.Status.Phase}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}"));

    private async Task<string> ReadAsync(string key)
    {
        var repository = _engine.Services.GetRequiredService<DefaultArtifactRepository>().Repository;
        await using var stream = await repository.OpenReadAsync(key, CancellationToken.None);
        Assert.True(stream is not null, $"{key} is not in the default repository");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
