using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/daemon_pod_test.go (DaemonPodSuite): daemons without a readiness probe (ready once started),
/// killed Succeeded when their DAG or steps end, from workflows, WorkflowTemplates and ClusterWorkflowTemplates, and
/// retried after they became ready. The daemons are argosay's <c>sleep 100s</c> on the process runtime; stored templates get names of their
/// own, as the engine is shared.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eDaemonTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    private const string RedisAndWhale = """
        - name: redis-tmpl
          daemon: true
          container: {image: argoproj/argosay:v2, args: [sleep, 100s]}
        - name: whale-tmpl
          container: {image: argoproj/argosay:v2}
        """;

    // Ports TestWorkflowCompletesIfContainsDaemonPod: the workflow ends (it has a finish time) though its daemon
    // would sleep 100 s.
    [Fact]
    public async Task WorkflowCompletesIfContainsDaemonPod()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: whalesay-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                dag:
                  tasks:
                  - {name: redis, template: redis-tmpl}
                  - {name: whale, dependencies: [redis], template: whale-tmpl}
              {{{Indent(RedisAndWhale)}}}
            """);

        Assert.NotNull(view.Status.FinishedAt);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("redis").Phase);
    }

    // Ports TestDaemonFromWorkflowTemplate.
    [Fact]
    public async Task DaemonFromWorkflowTemplate_Succeeds()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, "e2e-daemon-wftmpl");

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-}
            spec:
              workflowTemplateRef: {name: e2e-daemon-wftmpl}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestDaemonFromClusterWorkflowTemplate.
    [Fact]
    public async Task DaemonFromClusterWorkflowTemplate_Succeeds()
    {
        await StoreAsync(WorkflowKind.ClusterWorkflowTemplate, "e2e-daemon-cwftmpl");

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-}
            spec:
              workflowTemplateRef: {name: e2e-daemon-cwftmpl, clusterScope: true}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestDaemonTemplateRef: a DAG task runs, by templateRef, another WorkflowTemplate's steps whose first step
    // is a daemon (a named container); the workflow submitted from the first template succeeds.
    [Fact]
    public async Task DaemonTemplateRef_DaemonInAReferencedTemplatesSteps_Succeeds()
    {
        await PutAsync(WorkflowKind.WorkflowTemplate, """
            metadata: {name: e2e-daemon-run-tests-broken}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: postgres, template: postgres}
                - - {name: run-tests-broken, template: run-tests-broken}
              - name: run-tests-broken
                container: {image: argoproj/argosay:v2}
              - name: postgres
                daemon: true
                container: {image: argoproj/argosay:v2, args: [sleep, 100s], name: database}
            """);
        await PutAsync(WorkflowKind.WorkflowTemplate, """
            metadata: {name: e2e-daemon-broken-pipeline}
            spec:
              entrypoint: main
              templates:
              - name: do-something
                container: {image: argoproj/argosay:v2}
              - name: main
                dag:
                  tasks:
                  - {name: do-something, template: do-something}
                  - name: run-tests-broken
                    depends: do-something
                    templateRef: {name: e2e-daemon-run-tests-broken, template: main}
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: broken-pipeline-}
            spec:
              workflowTemplateRef: {name: e2e-daemon-broken-pipeline}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("postgres").Phase);
    }

    // Ports TestMarkDaemonedPodSucceeded (testdata/daemoned-pod-completed.yaml): the daemon killed at the DAG's end is
    // Succeeded.
    [Fact]
    public async Task MarkDaemonedPodSucceeded()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemoned-pod-completed-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: daemoned, template: daemoned}
                  - {name: daemon-dependent, dependencies: [daemoned], template: daemon-dependent}
              - name: daemoned
                daemon: true
                container: {image: argoproj/argosay:v2, command: [sleep], args: ["60"]}
              - name: daemon-dependent
                container: {image: argoproj/argosay:v2}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("daemoned").Phase);
    }

    // Ports TestDaemonPodRetry: the daemon's first attempt exits 1 after it became ready, while its dependent runs;
    // the Retry node starts daemoned(1), which the DAG's end kills, Succeeded; daemoned(0) stays Failed. Upstream
    // times it with sleeps (attempt 0 dies after 10 s, whale runs 15 s); here each waits on the other instead: attempt
    // 0 exits once whale runs, and whale ends once attempt 1 runs (each bounded, so a lost condition fails the test).
    [Fact]
    public async Task DaemonPodRetry_AttemptFailingAfterReady_IsRetried_AndTheLiveAttemptIsKilledSucceeded()
    {
        // Under /var/tmp, which the process runtime's steps share with the host (their /tmp is their own).
        var dir = Directory.CreateDirectory(Path.Combine("/var/tmp", "durango-e2e-daemon-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var view = await _engine.RunAsync($$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: daemon-retry-}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - {name: daemoned, template: daemoned}
                      - {name: whale, dependencies: [daemoned], template: whale-tmpl}
                  - name: daemoned
                    retryStrategy: {limit: 2}
                    daemon: true
                    container:
                      image: argoproj/argosay:v2
                      command: [bash]
                      args:
                      - -c
                      - |
                        echo "Attempt {{retries}}";
                        if [ "{{retries}}" -eq 0 ]; then
                          for i in $(seq 600); do [ -f {{{dir}}}/whale ] && exit 1; sleep 0.1; done; exit 1;
                        else
                          touch {{{dir}}}/attempt-{{retries}}; sleep 120 && exit 1;
                        fi
                  - name: whale-tmpl
                    container:
                      image: argoproj/argosay:v2
                      command: [bash]
                      args: [-c, "echo hi; touch {{{dir}}}/whale; for i in $(seq 600); do [ -f {{{dir}}}/attempt-1 ] && echo bye && exit 0; sleep 0.1; done; exit 1"]
                """);

            Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Describe(view));
            var retry = view.Node("daemoned");
            Assert.Equal(NodeType.Retry, retry.Type);
            Assert.Equal(NodePhase.Succeeded, retry.Phase);
            Assert.Null(retry.Daemoned);
            var failed = view.Node("daemoned(0)");
            Assert.Equal(NodePhase.Failed, failed.Phase);
            Assert.Equal("Error (exit code 1)", failed.Message);
            var live = view.Node("daemoned(1)");
            Assert.Equal(NodePhase.Succeeded, live.Phase);
            Assert.Null(live.Daemoned);
            Assert.True(live.StartedAt >= failed.FinishedAt, Describe(view));
            // The attempts under the Retry node in order (where the DAG links whale is not this test's business).
            Assert.Equal([failed.Id, live.Id], retry.Children.Where(c => c == failed.Id || c == live.Id));
            Assert.False(view.HasNode("daemoned(2)"));
            Assert.Equal(NodePhase.Succeeded, view.Node("whale").Phase);
            Assert.Contains("Attempt 1", await _engine.LogOfAsync(view.Metadata.Name, "daemoned(1)"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Describe(Api.Workflows.WorkflowView view) =>
        $"{view.Status.Phase} {view.Status.Message}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName} {n.Phase} {n.Message}"));

    private Task StoreAsync(WorkflowKind kind, string name) => PutAsync(kind, $$$"""
        metadata: {name: {{{name}}}}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: redis, template: redis-tmpl}
              - {name: whale, dependencies: [redis], template: whale-tmpl}
          {{{Indent(RedisAndWhale)}}}
        """);

    private async Task PutAsync(WorkflowKind kind, string yaml)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var header = $"apiVersion: argoproj.io/v1alpha1\nkind: {kind}\n";
        var put = await templates.PutAsync(kind, null, header + yaml, "template.yaml", TemplateService.Write.Create);
        Assert.True(put.Status == TemplateStatus.Done, $"{put.Status}: {string.Join("; ", put.Diagnostics.Select(d => d.Message))}");
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select((l, i) => i == 0 ? l : "  " + l));
}
