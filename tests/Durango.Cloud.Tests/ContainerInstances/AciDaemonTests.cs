using Azure.Core;
using Durango.Cloud.ContainerInstances;
using Durango.Engine.Model;
using Durango.Testing;
using Durango.Testing.Scenarios;
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
        var port = LoopbackPort.Free();
        var view = await _engine.RunAsync(DaemonScenario.Workflow(port, "tcpSocket: {port: " + port + "}"));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("200", view.Node("client").Outputs?.Result);
        Assert.Equal("127.0.0.1", view.Node("server").PodIp);
        var spec = _arm.Specs[ContainerGroupNames.For(NodeIds.PodName(view.Metadata.Name, view.Node("server").Name, view.Node("server").TemplateName))];
        Assert.Equal("Private", spec["properties"]!["ipAddress"]!["type"]!.GetValue<string>());
        Assert.Equal(port, spec["properties"]!["ipAddress"]!["ports"]![0]!["port"]!.GetValue<int>());
        await Eventually.HoldsAsync(() => _arm.Existing.Count == 0, "the daemon's group to be deleted");
        Assert.Contains(_arm.Deleted, d => d.WasRunning);
    }

}
