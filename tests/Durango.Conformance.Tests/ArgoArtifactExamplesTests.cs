using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Conformance.Tests;

/// <summary>
/// Argo's artifact examples (upstream <c>examples/</c>, v4.1.2) that need no internet, run to Succeeded as upstream's
/// e2e suite expects, with the process runtime, on the embedded default (a local artifact folder) and on Azure
/// Storage (Azurite: the default repository is the <c>{hub}-artifacts</c> container).
/// </summary>
public static class ArgoArtifactExamples
{
    /// <summary>The examples, and a line the named step must log (null: the phase alone is upstream's check).</summary>
    public static readonly TheoryData<string, string?, string?> Examples = new()
    {
        { "artifact-passing.yaml", "consume-artifact", "hello world" },
        { "artifact-passing-subpath.yaml", "consume-artifact", "hello world" },
        { "input-artifact-raw.yaml", null, null },
        { "artifact-path-placeholders.yaml", null, null },
        { "conditional-artifacts.yaml", null, null },
        { "dag-conditional-artifacts.yaml", null, null },
        { "global-outputs.yaml", "consume-global-art", "hello world" },
        { "exit-handler-with-artifacts.yaml", "step-1.onExit", "Welcome" },
        { "map-reduce.yaml", null, null },
        { "key-only-artifact.yaml", "consume", "hello" },
    };

    /// <summary>
    /// Upstream examples/artifact-gc-workflow.yaml: the artifact whose own strategy is OnWorkflowCompletion is gone when
    /// the workflow ends; the one inheriting spec.artifactGC (OnWorkflowDeletion) stays until the workflow is deleted.
    /// </summary>
    public static async Task CheckArtifactGcAsync(EngineHarness engine)
    {
        var repository = engine.Services.GetRequiredService<DefaultArtifactRepository>().Repository;
        async Task<bool> StoredAsync(string key)
        {
            var stream = await repository.OpenReadAsync(key, CancellationToken.None);
            await (stream?.DisposeAsync() ?? ValueTask.CompletedTask);
            return stream is not null;
        }

        var view = await RunAsync(engine, "artifact-gc-workflow.yaml", null, null);
        var stored = view.Status.Nodes.Values.Single(n => n.Type == NodeType.Pod).Outputs!.Artifacts!.Select(a => a.Azure!.Blob).ToList();

        Assert.Equal(["on-completion.txt", "on-deletion.txt"], stored);
        Assert.False(await StoredAsync("on-completion.txt"), "on-completion.txt was not collected when the workflow completed");
        Assert.True(await StoredAsync("on-deletion.txt"), "on-deletion.txt went before the workflow was deleted");
        Assert.Equal(ControlOutcome.Done, await engine.Workflows.DeleteAsync(view.Metadata.Name!));
        Assert.False(await StoredAsync("on-deletion.txt"), "on-deletion.txt was not collected when the workflow was deleted");
    }

    /// <summary>Runs <paramref name="file"/> and checks it Succeeded (and the log line, when given).</summary>
    public static async Task<WorkflowView> RunAsync(EngineHarness engine, string file, string? step, string? logged)
    {
        var view = await engine.RunAsync(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, file)));
        var failed = string.Join("; ", view.Status.Nodes.Values.Where(n => n.Phase.FailedOrError()).Select(n => $"{n.DisplayName}: {n.Message}"));
        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, $"{file}: {view.Status.Phase} {view.Status.Message} {failed}");
        if (step is not null)
        {
            Assert.Contains(logged!, await engine.LogOfAsync(view.Metadata.Name!, step));
        }

        return view;
    }
}

/// <summary>The examples on the in-memory embedded host, whose default repository is a local folder.</summary>
public sealed class ArgoArtifactExamplesInMemoryTests : IAsyncLifetime
{
    private EngineHarness? _engine;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync() => await _engine!.DisposeAsync();

    [Theory]
    [MemberData(nameof(ArgoArtifactExamples.Examples), MemberType = typeof(ArgoArtifactExamples))]
    public async Task Run_ArtifactExample_SucceedsOnTheLocalRepository(string file, string? step, string? logged) =>
        await ArgoArtifactExamples.RunAsync(_engine!, file, step, logged);

    [Fact]
    public async Task Run_PathPlaceholders_PlacesAtAbsolutePathsWithoutWritingIntoTheHost()
    {
        // Upstream examples/artifact-path-placeholders.yaml: /inputs/text/data in, /outputs/... out, 3 lines counted.
        var view = await ArgoArtifactExamples.RunAsync(_engine!, "artifact-path-placeholders.yaml", null, null);
        var node = view.Status.Nodes.Values.Single(n => n.Type == NodeType.Pod);

        Assert.Equal("3", node.Outputs!.Parameter("actual-lines-count")?.Trim());
        Assert.Equal("/outputs/text/data", node.Outputs.Artifacts!.Single().Path);
        Assert.False(Directory.Exists("/inputs") || Directory.Exists("/outputs"), "the step wrote into the host's root");
    }

    [Fact]
    public async Task Run_HttpInputArtifact_WithHeadersAndBasicAuthFromSecrets()
    {
        await using var server = await LoopbackServer.StartAsync(async (request, http) =>
        {
            var authorized = request.Headers.GetValueOrDefault("Authorization") == "Basic " + Convert.ToBase64String("user:pa55word"u8.ToArray());
            http.Response.StatusCode = authorized && request.Headers.GetValueOrDefault("X-Tenant") == "t1" ? 200 : 401;
            await http.Response.WriteAsync(authorized ? "served over http\n" : "no");
        });
        await using var engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Secrets:web:user"] = "user",
            ["Secrets:web:password"] = "pa55word",
        });
        var yaml = $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-artifact-}
            spec:
              entrypoint: main
              templates:
              - name: main
                inputs:
                  artifacts:
                  - name: page
                    path: /tmp/page.txt
                    http:
                      url: {{server.BaseUrl}}/page.txt
                      headers: [{name: X-Tenant, value: t1}]
                      auth:
                        basicAuth:
                          usernameSecret: {name: web, key: user}
                          passwordSecret: {name: web, key: password}
                container: {image: busybox, command: [cat, /tmp/page.txt]}
            """;

        var view = await engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("served over http", await engine.LogOfAsync(view.Metadata.Name!, view.Metadata.Name!));
        Assert.DoesNotContain("pa55word", System.Text.Json.JsonSerializer.Serialize(view), StringComparison.Ordinal);
    }

    [Fact]
    public Task Run_ArtifactGcWorkflow_CollectsOnCompletionThenOnDeletion() => ArgoArtifactExamples.CheckArtifactGcAsync(_engine!);

    [Fact]
    public async Task Run_ConditionalArtifacts_StepsOutputIsTheChosenStepsArtifact()
    {
        // Upstream examples/conditional-artifacts.yaml: main's outputs.artifacts.result is fromExpression over the steps.
        var view = await ArgoArtifactExamples.RunAsync(_engine!, "conditional-artifacts.yaml", null, null);
        var root = view.Status.Nodes.Values.Single(n => n.Id == view.Metadata.Name);
        var chosen = view.Status.Nodes.Values.Single(n => n.DisplayName is "heads" or "tails" && n.Phase == NodePhase.Succeeded);
        Assert.Equal(chosen.Outputs!.Artifacts!.Single().Azure!.Blob, root.Outputs!.Artifacts!.Single().Azure!.Blob);
        Assert.EndsWith($"/{chosen.Outputs.Artifacts![0].Name}.tgz", root.Outputs.Artifacts![0].Azure!.Blob, StringComparison.Ordinal);
    }
}
