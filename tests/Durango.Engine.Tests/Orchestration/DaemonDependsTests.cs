using System.Net;
using System.Net.Sockets;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// A daemon task in enhanced <c>depends</c>, as upstream's <c>evaluateDependsLogic</c> (workflow/controller/dag.go)
/// reads it: while the daemon runs and is ready its node is Running with <c>daemoned: true</c>, <c>A.Daemoned</c>
/// holds, a bare <c>A</c> holds (<c>A.Succeeded || A.Skipped || A.Daemoned</c>, workflow/common/ancestry.go), and
/// <c>A.Succeeded</c> does not, so a task that needs it is Omitted. When the DAG ends the daemon is killed, Succeeded.
/// A daemon with a <c>retryStrategy</c> is the same through its Retry node, which is Running and daemoned with its ready
/// attempt (upstream's <c>processNodeRetries</c> marks it so) and killed with it.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DaemonDependsTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DaemonedTask_SatisfiesDaemonedAndBareName_NotSucceeded_AndIsDaemonedInStatus(bool retried)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var gate = Path.Combine("/var/tmp", "durango-daemoned-" + Guid.NewGuid().ToString("N"));
        try
        {
            var name = await _engine.SubmitAsync($$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: daemon-depends-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: server, template: server}
                          - {name: when-daemoned, depends: server.Daemoned, template: wait-gate}
                          - {name: when-succeeded, depends: server.Succeeded, template: echo}
                          - {name: when-bare, depends: server, template: echo}
                    - name: server
                      daemon: true
                      {{{(retried ? "retryStrategy: {limit: 1}" : "")}}}
                      container:
                        image: python:3
                        command: [python3, -m, http.server, "{{{port}}}", --bind, 127.0.0.1]
                        readinessProbe: {tcpSocket: {port: {{{port}}}}, periodSeconds: 1}
                    - name: wait-gate
                      script:
                        image: python:3
                        command: [sh]
                        source: while [ ! -e {{{gate}}} ]; do sleep 0.2; done
                    - name: echo
                      container: {image: alpine, command: [echo, ran]}
                """);

            // While the daemon serves, its node is Running and daemoned, as upstream shows it.
            var running = await _engine.WaitUntilAsync(name, v => v.HasNode("when-daemoned") && v.Node("when-daemoned").Phase == NodePhase.Running);
            Assert.Equal(NodePhase.Running, running.Node("server").Phase);
            Assert.True(running.Node("server").Daemoned);
            if (retried)
            {
                Assert.Equal(NodeType.Retry, running.Node("server").Type);
                Assert.Equal(NodePhase.Running, running.Node("server(0)").Phase);
                Assert.True(running.Node("server(0)").Daemoned);
            }

            await File.WriteAllTextAsync(gate, "go");

            var view = await _engine.WaitAsync(name);
            Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
            Assert.Equal(NodePhase.Succeeded, view.Node("when-daemoned").Phase);
            Assert.Equal(NodePhase.Succeeded, view.Node("when-bare").Phase);
            Assert.Equal(NodePhase.Omitted, view.Node("when-succeeded").Phase);
            Assert.Equal(NodePhase.Succeeded, view.Node("server").Phase);
            Assert.Null(view.Node("server").Daemoned);
            if (retried)
            {
                Assert.Equal(NodePhase.Succeeded, view.Node("server(0)").Phase);
                Assert.False(view.HasNode("server(1)"));
            }
        }
        finally
        {
            File.Delete(gate);
        }
    }
}
