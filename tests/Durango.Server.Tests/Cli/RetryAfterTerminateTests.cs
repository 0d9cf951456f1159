using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Server.Tests.Cli.Upstream;
using Durango.Testing;

namespace Durango.Server.Tests.Cli;

/// <summary>
/// <c>durango terminate</c> then <c>durango retry</c> of one workflow, over and over, against a <c>durango serve</c>
/// of its own: what the <c>TestWorkflowRetry</c> port does once, repeated until the races it met would show. Each
/// failed at least once in 40 rounds on a busy machine before its fix: the retry's start was lost in the in-memory
/// backend (Durango.Embedded's RestartAfterRelease); a record of the terminated run still on its way ended the retried
/// node and stopped its step (NodeStatusMerge); two orchestrations messaging each other hung the backend
/// (MessagesBeforeSave).
/// </summary>
public sealed class RetryAfterTerminateTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private const int Rounds = 40;

    private protected override ServeFixture? Serve => serve;

    [Fact]
    public async Task TerminateThenRetry_Repeatedly_EachRetriedRunReachesItsSuspend()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var name = await SubmitAsync(E2eCliRetryTests.RetryTest);
            await serve.WaitAsync(name, E2eCliRetryTests.SuspendedAtInnerStep);
            Assert.Equal(0, (await serve.DurangoAsync("terminate", name)).ExitCode);
            await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Failed);

            var retry = await serve.DurangoAsync("retry", name, "--restart-successful", "--node-field-selector", "templateName==steps-inner");
            Assert.True(retry.ExitCode == 0, $"round {round}: {retry.Stderr}");

            var retried = await serve.WaitAsync(name, E2eCliRetryTests.SuspendedAtInnerStep);
            Assert.True(retried.Status.Phase == WorkflowPhase.Running, $"round {round}: {retried.Describe()}");
            var end = await serve.DurangoAsync("terminate", name);
            Assert.True(end.ExitCode == 0, $"round {round}: {end.Stderr}{(await WorkflowPolling.GetAsync(serve.Http, name))?.Describe()}");
        }
    }
}
