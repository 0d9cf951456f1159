using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Durango.Api.Workflows;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// Scale-out: three <c>durango serve</c> hosts on one task hub with four partitions on Azurite, 60 workflows, one host
/// killed with SIGKILL while they run. Every workflow completes with exactly one exit-handler node, every step runs
/// (the ones the killed host was running run again elsewhere), and the steps are spread over the hosts (each host's steps run in its own work directory, which they
/// write down). An exit handler's process runs more than once only when the killed host was running it as it died:
/// Durable activities are at-least-once, so a process the dead host started and never reported runs again on another
/// host. The spread and the time against one host are printed, not asserted.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Workflows = 60;
    private const int StepsPerWorkflow = 3;

    [Fact]
    public async Task ThreeHostsOneKilled_EveryWorkflowCompletes_ExitHandlersOnce_WorkSpread()
    {
        var root = Path.Combine("/var/tmp", $"durango-scaleout-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await using var azurite = await AzuriteServer.StartAsync();
        try
        {
            var (single, _) = await RunAsync(azurite, root, "one", hosts: 1, killOne: false);
            var three = await RunAsync(azurite, root, "three", hosts: 3, killOne: true);

            var marks = await File.ReadAllLinesAsync(Path.Combine(root, "three", "marks"));
            var exits = await File.ReadAllLinesAsync(Path.Combine(root, "three", "exits"));
            var spread = marks.GroupBy(HostOf).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"steps by host: {string.Join(", ", spread.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
            output.WriteLine($"{Workflows} workflows: one host {single.TotalSeconds:F1} s; three hosts, one killed {three.Elapsed.TotalSeconds:F1} s");

            var exitsByWorkflow = exits.GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Select(HostOf).ToList());
            Assert.Equal(Workflows, exitsByWorkflow.Count);
            foreach (var (workflow, ranOn) in exitsByWorkflow.Where(e => e.Value.Count > 1))
            {
                output.WriteLine($"exit handler of {workflow} ran on {string.Join(", ", ranOn)}");
                Assert.Equal(2, ranOn.Count);
                Assert.Contains("host3", ranOn);
            }

            Assert.Equal(Workflows, three.ExitNodes);
            // A step running on the killed host when it died runs again elsewhere (Durable's at-least-once); no other does.
            output.WriteLine($"steps run: {marks.Length} for {Workflows * StepsPerWorkflow} steps");
            Assert.InRange(marks.Length, Workflows * StepsPerWorkflow, (Workflows * StepsPerWorkflow) + 64);
            Assert.True(spread.Count >= 2, "the steps ran on one host only");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, int ExitNodes)> RunAsync(AzuriteServer azurite, string root, string name, int hosts, bool killOne)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var hub = AzuriteFixture.NewTaskHub($"so{name}");
        var servers = new List<ServeProcess>();
        try
        {
            for (var i = 1; i <= hosts; i++)
            {
                servers.Add(await ServeProcess.StartAsync(["--storage", azurite.ConnectionString, "--task-hub", hub], new Dictionary<string, string>
                {
                    ["Durango__Partitions"] = "4",
                    ["Durango__WorkerId"] = $"{name}-host{i}",
                    ["Durango__WorkDirectory"] = Path.Combine(dir, $"host{i}"),
                }));
            }

            using var http = RetryAfterHandler.Client(servers[0].BaseUrl, TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Workflows; i++)
            {
                using var created = await http.PostAsync("/api/v1/workflows/argo", new StringContent(Yaml(dir), Encoding.UTF8, "application/yaml"));
                created.EnsureSuccessStatusCode();
            }

            if (killOne)
            {
                var marks = Path.Combine(dir, "marks");
                await Eventually.HoldsAsync(() => File.Exists(marks) && File.ReadAllLines(marks).Any(l => HostOf(l) == "host3"), "a step on host 3");
                await servers[^1].KillAsync();
            }

            WorkflowList? completed = null;
            try
            {
                await Eventually.HoldsAsync(
                    async () => (completed = await http.GetFromJsonAsync<WorkflowList>(
                        "/api/v1/workflows/argo?listOptions.labelSelector=workflows.argoproj.io%2Fcompleted%3Dtrue", WorkflowJson.Options))?.Items?.Count == Workflows,
                    $"{Workflows} workflows completed on {name}");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{await StuckAsync(http, servers)}", e);
            }

            var elapsed = clock.Elapsed;

            var exitNodes = 0;
            foreach (var workflow in completed!.Items!)
            {
                var full = await http.GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/argo/{workflow.Metadata.Name}", WorkflowJson.Options);
                exitNodes += full!.Status.Nodes.Values.Count(n => n.Name == $"{workflow.Metadata.Name}.onExit");
            }

            return (elapsed, exitNodes);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>What a timeout needs explained: each workflow still running, its unfinished nodes, and the end of each host's log.</summary>
    private static async Task<string> StuckAsync(HttpClient http, List<ServeProcess> servers)
    {
        var report = new StringBuilder();
        var all = await http.GetFromJsonAsync<WorkflowList>("/api/v1/workflows/argo", WorkflowJson.Options);
        foreach (var workflow in (all?.Items ?? []).Where(w => w.Status.FinishedAt is null))
        {
            var full = await http.GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/argo/{workflow.Metadata.Name}", WorkflowJson.Options);
            var open = full!.Status.Nodes.Values.Where(n => n.FinishedAt is null).Select(n => $"{n.Name} {n.Type} {n.Phase}");
            report.AppendLine($"{workflow.Metadata.Name} {full.Status.Phase} started {full.Status.StartedAt:O}: {string.Join("; ", open)}");
        }

        foreach (var (server, i) in servers.Select((s, i) => (s, i + 1)))
        {
            var lines = server.Output.Split('\n');
            report.AppendLine($"--- host{i} (exit {server.ExitCode?.ToString() ?? "none"}), last of {lines.Length} lines:");
            report.AppendLine(string.Join('\n', lines.TakeLast(30)));
        }

        return report.ToString();
    }

    /// <summary>The host that ran a step: its work directory, <c>.../hostN/...</c>, as the step wrote it.</summary>
    private static string HostOf(string mark) => mark.Split('/').FirstOrDefault(p => p.StartsWith("host", StringComparison.Ordinal)) ?? "?";

    private static string Yaml(string dir) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: so-}
        spec:
          entrypoint: main
          onExit: bye
          templates:
            - name: main
              steps:
                - - {name: a, template: work}
                - - {name: b, template: work}
                - - {name: c, template: work}
            - name: work
              container: {image: alpine, command: [sh, -c, "pwd >> {{{dir}}}/marks; sleep 0.3"]}
            - name: bye
              container: {image: alpine, command: [sh, -c, "echo {{workflow.name}} $(pwd) >> {{{dir}}}/exits"]}
        """;
}
