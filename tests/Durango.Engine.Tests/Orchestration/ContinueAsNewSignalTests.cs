using Durango.Engine.Cron;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// A signal that arrives in the episode in which an orchestration continues as new reaches the next execution: the
/// wait still pending then would take it and lose it with the execution (Microsoft.DurableTask's shim gives an event
/// to a pending wait before it keeps it for the next execution). Each case replays that episode on a
/// <see cref="ScriptedOrchestrationContext"/>, since a real backend cannot be made to put the two in one episode.
/// </summary>
public sealed class ContinueAsNewSignalTests
{
    private const string Self = "wf:1a2b3c4d";
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ControlKind.Suspend)]
    [InlineData(ControlKind.Resume)]
    [InlineData(ControlKind.Stop)]
    public void TemplateRun_SignalAfterItContinued_GoesToTheNextExecutionUnhandled(ControlKind kind)
    {
        var context = new ScriptedOrchestrationContext(Self, Now);
        var channel = new ControlChannel(context);
        channel.Adopt("wf:child");
        channel.Listen();

        context.ContinueAsNew(new object());
        channel.CarryOver();
        var signal = new ControlSignal(kind, "from the API");
        context.Raise(ControlSignal.EventName, signal);

        Assert.Equal([(Self, ControlSignal.EventName, (object)signal)], context.Sent);
        Assert.False(channel.IsSuspended);
        Assert.False(channel.IsStopped);
    }

    [Theory]
    [InlineData(ControlKind.Stop, "halt", ControlKind.Stop, "halt")]
    [InlineData(ControlKind.Terminate, null, ControlKind.Terminate, ArgoMessages.Terminated)]
    public void TemplateRun_StoppedWhileItsWritesSettled_TheNextExecutionIsStoppedToo(ControlKind heard, string? message, ControlKind sent, string sentMessage)
    {
        var context = new ScriptedOrchestrationContext(Self, Now);
        var channel = new ControlChannel(context);
        channel.Listen();
        context.Raise(ControlSignal.EventName, new ControlSignal(heard, message));

        context.ContinueAsNew(new object());
        channel.CarryOver();

        var (to, name, payload) = Assert.Single(context.Sent);
        Assert.Equal((Self, ControlSignal.EventName), (to, name));
        Assert.Equal(new ControlSignal(sent, sentMessage), payload);
    }

    [Fact]
    public void TemplateRun_NotContinued_HandlesItsSignalsAndPassesThemToItsChildren()
    {
        var context = new ScriptedOrchestrationContext(Self, Now);
        var channel = new ControlChannel(context);
        channel.Adopt("wf:child");
        channel.Listen();

        context.Raise(ControlSignal.EventName, new ControlSignal(ControlKind.Suspend));

        Assert.True(channel.IsSuspended);
        Assert.Equal([("wf:child", ControlSignal.EventName, (object)new ControlSignal(ControlKind.Suspend))], context.Sent);
    }

    [Fact]
    public async Task Cron_SignalInTheEpisodeItsTimerFired_GoesToTheNextExecution()
    {
        var context = new ScriptedOrchestrationContext("cron:argo:hourly", Now);
        var input = new CronRunInput("argo", "hourly", new CronPolicy(["0 * * * *"], null, null, Suspend: false), new CronState(new DateTimeOffset(Now)));
        var run = new CronOrchestrator().RunAsync(context, input);

        context.FireTimers();
        Assert.Null(await run);
        Assert.Equal(input, context.ContinuedWith);

        var update = new CronSignal(CronSignalKind.Update, input.Policy with { Schedules = ["*/5 * * * *"] });
        context.Raise(CronTasks.SignalEvent, update);

        await Eventually.HoldsAsync(() => context.Sent.Count == 1);
        Assert.Equal(("cron:argo:hourly", CronTasks.SignalEvent, (object)update), context.Sent[0]);
    }
}
