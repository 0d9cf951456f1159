using Durango.Embedded;
using Durango.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// Instances of the in-memory backend that message each other as they both save (<see cref="MessagesBeforeSave"/>):
/// the service took the other instance's lock while it held its own, and two such saves waited for each other for
/// ever. Before the fix this test hung (a stack dump showed three dispatcher threads in the service's
/// <c>SaveState</c>, each waiting in <c>AddMessage</c> for a lock another held); a hung run of the
/// <c>TestWorkflowRetry</c> port had the same dump.
/// </summary>
public sealed class MessagesBeforeSaveTests : IAsyncLifetime
{
    private EmbeddedDurableHost? _host;

    private DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync() =>
        _host = await EmbeddedDurableHost.StartInMemoryAsync(
            new ServiceCollection().BuildServiceProvider(), extraTasks: new TaskTypes([(nameof(PingPong), typeof(PingPong))], []));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task PairsOfInstances_MessagingEachOtherAsTheySave_AllFinish()
    {
        var pairs = Enumerable.Range(0, 16).Select(i => ($"ping-{i}-{Guid.NewGuid():N}", $"pong-{i}-{Guid.NewGuid():N}")).ToList();
        foreach (var (a, b) in pairs)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(PingPong), new Rally(b, 400), new StartOrchestrationOptions(a));
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(PingPong), new Rally(a, 400), new StartOrchestrationOptions(b));
        }

        foreach (var id in pairs.SelectMany(p => new[] { p.Item1, p.Item2 }))
        {
            using var patience = new CancellationTokenSource(EngineHarness.Patience);
            var end = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
            Assert.Equal(400, end.ReadOutputAs<int>());
        }
    }

    private sealed record Rally(string Other, int Shots);

    // Each shot sends one event to the other instance and waits for one from it, so both save and send at once.
    private sealed class PingPong : TaskOrchestrator<Rally, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, Rally rally)
        {
            for (var shot = 0; shot < rally.Shots; shot++)
            {
                context.SendEvent(rally.Other, "ball", shot);
                await context.WaitForExternalEvent<int>("ball");
            }

            return rally.Shots;
        }
    }
}
