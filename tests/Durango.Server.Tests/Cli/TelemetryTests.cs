using System.Diagnostics;
using Durango.Testing;
using Durango.Testing.StandIns;

namespace Durango.Server.Tests.Cli;

/// <summary><c>durango run</c> exports a span per workflow and per node by OTLP, configured by the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Run_WithOtlpEndpoint_ExportsTheWorkflowAndNodeSpans()
    {
        await using var collector = await OtlpCollector.StartAsync();

        var (code, output) = await RunProcessAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "durango-test",
        }, "run", Path.Combine(AppContext.BaseDirectory, "Samples", "hello.yaml"), "-o", "json");

        Assert.True(code == 0, output);
        var spans = collector.Spans.ToList();
        var workflow = Assert.Single(spans, s => s.Name == "workflow");
        var name = workflow.Attributes["durango.workflow.name"];
        Assert.StartsWith("hello-", name, StringComparison.Ordinal);
        Assert.Equal("argo", workflow.Attributes["durango.workflow.namespace"]);
        Assert.Matches("^[0-9a-f-]{36}$", workflow.Attributes["durango.workflow.uid"]);
        Assert.Equal("Succeeded", workflow.Attributes["durango.phase"]);
        Assert.Equal(string.Empty, workflow.ParentSpanId);

        var leaves = spans.Where(s => s.Name == "node echo").ToList();
        Assert.Equal(2, leaves.Count);
        Assert.All(leaves, leaf =>
        {
            Assert.Equal(workflow.TraceId, leaf.TraceId);
            Assert.Equal(workflow.SpanId, leaf.ParentSpanId);
            Assert.Equal("Pod", leaf.Attributes["durango.node.type"]);
            Assert.Equal("echo", leaf.Attributes["durango.node.template"]);
            Assert.Equal("Succeeded", leaf.Attributes["durango.phase"]);
            Assert.Equal(name, leaf.Attributes["durango.workflow.name"]);
            Assert.StartsWith(name + "-", leaf.Attributes["durango.node.id"], StringComparison.Ordinal);
        });
        Assert.Equal(["greet", "shout"], leaves.Select(l => l.Attributes["durango.node.name"].Split('.')[^1]).Order(StringComparer.Ordinal));
        Assert.True(collector.MetricExports > 0, "metrics are exported too");
    }

    private static async Task<(int Code, string Output)> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Prepend(Path.Combine(AppContext.BaseDirectory, "durango.dll")))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(EngineHarness.Patience);
        return (process.ExitCode, await stdout + await stderr);
    }
}
