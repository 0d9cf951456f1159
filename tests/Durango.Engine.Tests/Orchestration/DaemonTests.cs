using System.Net;
using System.Net.Sockets;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// Daemon steps and tasks on the process runtime, as upstream's daemon examples (examples/daemon-step.yaml,
/// dag-daemon-task.yaml, daemon-nginx.yaml) with a Python HTTP server for the image: the daemon becomes ready by its
/// probe, later steps reach it at <c>{{steps.X.ip}}</c> / <c>{{tasks.X.ip}}</c>, and it is killed, Succeeded, when its
/// steps or DAG ends (workflow/controller/exec_control.go, killDaemonedChildren).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DaemonTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;


    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Server(int port, string probe) => $$$"""
        - name: server
          daemon: true
          container:
            image: python:3
            command: [python3, -m, http.server, "{{{port}}}", --bind, 127.0.0.1]
            readinessProbe:
              {{{probe}}}
              initialDelaySeconds: 0
              periodSeconds: 1
              timeoutSeconds: 30  # generous: python3 alone takes seconds to start on a loaded machine
        - name: client
          inputs: {parameters: [{name: ip}]}
          script:
            image: python:3
            command: [python3]
            source: |
              import urllib.request
              with urllib.request.urlopen("http://{{inputs.parameters.ip}}:{{{port}}}/") as r:
                  print(r.status)
        """;

    [Fact]
    public async Task StepsDaemon_ServesHttpToALaterStepThroughItsIp_AndIsKilledWhenTheStepsEnd()
    {
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-step-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: server, template: server}
                    - - name: client
                        template: client
                        arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}
                {{{Indent(Server(port, "httpGet: {path: /, port: " + port + "}"))}}}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName} {n.Phase} {n.Message} {n.StartedAt:HH:mm:ss.fff}-{n.FinishedAt:HH:mm:ss.fff}"))
            + await _engine.LogOfAsync(view.Metadata.Name, "server") + " // " + await _engine.LogOfAsync(view.Metadata.Name, "client"));
        Assert.Equal("200", view.Node("client").Outputs?.Result);
        var server = view.Node("server");
        Assert.Equal(NodePhase.Succeeded, server.Phase);
        Assert.Null(server.Daemoned);
        Assert.Equal("127.0.0.1", server.PodIp);
        Assert.True(server.FinishedAt >= view.Node("client").FinishedAt);
        Assert.False(Listening(port));
    }

    [Fact]
    public async Task DagDaemonTask_TcpProbe_TasksIp_ManyClients()
    {
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-daemon-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: server, template: server}
                      - name: client
                        depends: server
                        template: client
                        withSequence: {count: "3"}
                        arguments: {parameters: [{name: ip, value: "{{tasks.server.ip}}"}]}
                {{{Indent(Server(port, "tcpSocket: {port: " + port + "}"))}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(3, view.Status.Nodes.Values.Count(n => n.TemplateName == "client" && n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded));
        Assert.Equal(NodePhase.Succeeded, view.Node("server").Phase);
        Assert.False(Listening(port));
    }

    [Fact]
    public async Task ExecProbe_WaitsUntilTheCommandSucceeds()
    {
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-exec-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: server, template: server}
                    - - name: client
                        template: client
                        arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}
                {{{Indent(Server(port, "exec: {command: [python3, -c, \"import socket; socket.create_connection(('127.0.0.1', " + port + "))\"]}"))}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("200", view.Node("client").Outputs?.Result);
    }

    [Fact]
    public async Task DaemonThatExitsBeforeReady_Fails_AndItsRetryStartsItAgain()
    {
        var counter = Path.Combine("/var/tmp", "durango-daemon-" + Guid.NewGuid().ToString("N"));
        var port = LoopbackPort.Free();
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
                      steps:
                        - - {name: server, template: server}
                        - - name: client
                            template: client
                            arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}
                    - name: server
                      daemon: true
                      retryStrategy: {limit: "2"}
                      container:
                        image: python:3
                        command: [sh, -c, "echo x >> {{{counter}}}; [ $(wc -l < {{{counter}}}) -ge 2 ] || exit 4; exec python3 -m http.server {{{port}}} --bind 127.0.0.1"]
                        readinessProbe:
                          httpGet: {path: /, port: {{{port}}}}
                          periodSeconds: 1
                    - name: client
                      inputs: {parameters: [{name: ip}]}
                      container: {image: python:3, command: [python3, -c, "import urllib.request; print(urllib.request.urlopen('http://{{inputs.parameters.ip}}:{{{port}}}/').status)"]}
                """);

            Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName} {n.Phase} {n.Message}")));
            Assert.Equal(NodePhase.Failed, view.Node("server(0)").Phase);
            Assert.Equal("Error (exit code 4)", view.Node("server(0)").Message);
            Assert.Equal(NodePhase.Succeeded, view.Node("server(1)").Phase);
            Assert.Equal("200", view.Node("client").Outputs?.Result);
            Assert.False(Listening(port));
        }
        finally
        {
            File.Delete(counter);
        }
    }

    [Fact]
    public async Task DaemonThatDiesAfterReady_ItsRetryStartsTheNextAttempt_WhichServesLaterSteps()
    {
        // As upstream's TestDaemonPodRetry, on steps: attempt 0 serves the first client, then dies (exit 1) while the
        // steps run on; the Retry node starts attempt 1, which serves the second client, and is killed, Succeeded, when
        // the steps end.
        var dir = Directory.CreateDirectory(Path.Combine("/var/tmp", "durango-daemon-" + Guid.NewGuid().ToString("N"))).FullName;
        var port = LoopbackPort.Free();
        try
        {
            var view = await _engine.RunAsync($$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: daemon-retry-ready-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: server, template: server}
                        - - name: first
                            template: client
                            arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}, {name: then, value: "open('{{{dir}}}/die', 'w')"}]}
                        - - name: second
                            template: client
                            arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}, {name: then, value: "0"}]}
                    - name: server
                      daemon: true
                      retryStrategy: {limit: "2"}
                      container:
                        image: python:3
                        command: [sh, -c]
                        args:
                        - |
                          mkdir -p {{{dir}}}/www{{retries}} && echo {{retries}} > {{{dir}}}/www{{retries}}/attempt && cd {{{dir}}}/www{{retries}} || exit 2
                          if [ {{retries}} -ne 0 ]; then exec python3 -m http.server {{{port}}} --bind 127.0.0.1; fi
                          python3 -m http.server {{{port}}} --bind 127.0.0.1 & pid=$!
                          for i in $(seq 600); do [ -f {{{dir}}}/die ] && break; sleep 0.1; done
                          kill $pid; exit 1
                        readinessProbe:
                          httpGet: {path: /attempt, port: {{{port}}}}
                          periodSeconds: 1
                    - name: client
                      inputs: {parameters: [{name: ip}, {name: then}]}
                      script:
                        image: python:3
                        command: [python3]
                        source: |
                          import time, urllib.request
                          # The second client polls until the next attempt serves (bounded: a lost retry fails the step).
                          for _ in range(600):
                              try:
                                  with urllib.request.urlopen("http://{{inputs.parameters.ip}}:{{{port}}}/attempt", timeout=5) as r:
                                      attempt = r.read().decode().strip()
                                  if attempt == "1" or "{{inputs.parameters.then}}" != "0":
                                      break
                              except OSError:
                                  pass
                              time.sleep(0.1)
                          {{inputs.parameters.then}}
                          print(attempt)
                """);

            Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName} {n.Phase} {n.Message}")));
            Assert.Equal("0", view.Node("first").Outputs?.Result);
            Assert.Equal("1", view.Node("second").Outputs?.Result);
            Assert.Equal(NodePhase.Failed, view.Node("server(0)").Phase);
            Assert.Equal("Error (exit code 1)", view.Node("server(0)").Message);
            Assert.Equal(NodePhase.Succeeded, view.Node("server(1)").Phase);
            Assert.Equal(NodePhase.Succeeded, view.Node("server").Phase);
            Assert.False(view.HasNode("server(2)"));
            Assert.False(Listening(port));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RetriedDaemon_InStepsThatContinueAsNew_ItsRetryNodeEndsThere_AndNoNodeStaysRunning()
    {
        // A steps template continues as new every StepsExecution.GroupsPerExecution groups; the Retry node cannot watch
        // across that, so it ends Succeeded there, and its attempt ends when it sees the steps node end.
        var groups = string.Join("\n", Enumerable.Range(1, global::Durango.Engine.Orchestration.StepsExecution.GroupsPerExecution).Select(i => $"        - - {{name: s{i}, template: noop}}"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-retry-long-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: server, template: server}
            {{{groups}}}
                - name: server
                  daemon: true
                  retryStrategy: {limit: 1}
                  container: {image: alpine, command: [sleep, "100"]}
                - name: noop
                  container: {image: alpine, command: ["true"]}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.DisplayName} {n.Phase} {n.Message}")));
        Assert.Equal(NodePhase.Succeeded, view.Node("server").Phase);
        Assert.True(view.Node("server(0)").Phase.Fulfilled());
        Assert.False(view.HasNode("server(1)"));
        Assert.DoesNotContain(view.Status.Nodes.Values, n => !n.Phase.Fulfilled());
    }

    [Fact]
    public async Task UpstreamDaemonNginx_WithAPythonServerForNginx_ClientCurlsItThroughStepsIp()
    {
        // examples/daemon-nginx.yaml as written, but for the image: this host has no nginx, so the server is Python's,
        // on a free port instead of 80; the client is upstream's own curl command.
        var port = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var yaml = File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "daemon-nginx.yaml"))
            .Replace("image: nginx:1.13", $"image: nginx:1.13\n      command: [python3, -m, http.server, \"{port}\", --bind, 127.0.0.1]", StringComparison.Ordinal)
            .Replace("port: 80", $"port: {port}", StringComparison.Ordinal)
            .Replace(":80/", $":{port}/", StringComparison.Ordinal);

        var view = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Contains("Directory listing", view.Node("nginx-client").Outputs?.Result, StringComparison.Ordinal);
        Assert.Equal(NodePhase.Succeeded, view.Node("nginx-server").Phase);
        Assert.False(Listening(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task DaemonAsTheEntrypoint_IsKilledWhenTheWorkflowEnds_AndSucceeds()
    {
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: daemon-entry-}
            spec:
              entrypoint: server
              templates:
                - name: server
                  daemon: true
                  container:
                    image: python:3
                    command: [python3, -m, http.server, "{{{port}}}", --bind, 127.0.0.1]
                    readinessProbe: {tcpSocket: {port: {{{port}}}}, periodSeconds: 1}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node(view.Metadata.Name).Phase);
        Assert.False(Listening(port));
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select((l, i) => i == 0 ? l : "    " + l));
}
