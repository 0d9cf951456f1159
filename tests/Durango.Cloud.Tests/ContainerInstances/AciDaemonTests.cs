using Azure.Core;
using Durango.Cloud.ContainerInstances;
using Durango.Engine.Model;
using Durango.Testing;
using Durango.Testing.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.ContainerInstances;

/// <summary>
/// Daemon steps on the aci runtime, through the ARM stand-in: the daemon's group gets a private IP in the configured
/// subnet for its probe's port, a later step reaches it at <c>{{steps.X.ip}}</c>, and its group is deleted when the
/// steps end (upstream examples/daemon-step.yaml; the stand-in's groups are local processes, so the IP is loopback).
/// </summary>
public sealed class AciDaemonTests : IAsyncLifetime
{
    private AciStandIn _arm = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _arm = await AciStandIn.StartAsync();
        var settings = AciRuntimeTests.Settings(_arm);
        settings["Durango:Aci:SubnetId"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/steps";
        _engine = await EngineHarness.StartAsync(settings, services: s => s.AddSingleton<TokenCredential>(new StandInCredential()));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _arm.DisposeAsync();
    }

    [Fact]
    public async Task Daemon_ServesALaterStepAtItsGroupsIp_AndItsGroupIsDeletedWhenTheStepsEnd()
    {
        var port = FreePort();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: aci-daemon-}
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
                  container:
                    image: python:3
                    command: [python3, -m, http.server, "{{{port}}}", --bind, 127.0.0.1]
                    readinessProbe:
                      tcpSocket: {port: {{{port}}}}
                      periodSeconds: 1
                - name: client
                  inputs: {parameters: [{name: ip}]}
                  script:
                    image: python:3
                    command: [python3]
                    source: |
                      import urllib.request
                      with urllib.request.urlopen("http://{{inputs.parameters.ip}}:{{{port}}}/") as r:
                          print(r.status)
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("200", view.Node("client").Outputs?.Result);
        Assert.Equal("127.0.0.1", view.Node("server").PodIp);
        var spec = _arm.Specs[ContainerGroupNames.For(NodeIds.PodName(view.Metadata.Name, view.Node("server").Name, view.Node("server").TemplateName))];
        Assert.Equal("Private", spec["properties"]!["ipAddress"]!["type"]!.GetValue<string>());
        Assert.Equal(port, spec["properties"]!["ipAddress"]!["ports"]![0]!["port"]!.GetValue<int>());
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0, "the daemon's group to be deleted");
        Assert.Contains(_arm.Deleted, d => d.WasRunning);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
