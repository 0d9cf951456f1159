using System.Text.Json;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Durango.Testing.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.SendGrid;

/// <summary>The <c>email</c> plugin and Durango's notification template, against the SendGrid stand-in.</summary>
public sealed class EmailPluginTests : IAsyncLifetime
{
    private static readonly string NotifierFile = Path.Combine(AppContext.BaseDirectory, "Samples", "cluster-template-notify-email-sendgrid.yaml");
    private SendGridStandIn _sendGrid = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await SendGridStandIn.StartAsync();
        _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Durango:SendGrid:ApiKey"] = SendGridStandIn.ApiKey,
            ["Durango:SendGrid:Endpoint"] = _sendGrid.Endpoint,
            ["Durango:SendGrid:From"] = "durango@example.com",
            ["Durango:SendGrid:RetryDelay"] = "00:00:00.100",
        });
        var installed = await _engine.Services.GetRequiredService<TemplateService>()
            .PutAsync(WorkflowKind.ClusterWorkflowTemplate, null, await File.ReadAllTextAsync(NotifierFile), NotifierFile, TemplateService.Write.Create);
        Assert.True(installed.Template is not null, string.Join("\n", installed.Diagnostics));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task SeedExitHandlers_WithTheNotifierInItsExitHandler_MailsNameStatusDurationAndFailures()
    {
        var seed = await File.ReadAllTextAsync(ConformanceCorpus.Seed("exit-handlers.yaml"));
        var workflow = seed.Replace("""
                    - - name: notify
                        template: send-email
                """, """
                    - - name: notify
                        template: send-email
                      - name: mail
                        templateRef: {name: durango-notify-email, template: email, clusterScope: true}
                        arguments: {parameters: [{name: TO, value: "ops@example.com, dev@example.com"}, {name: CC, value: lead@example.com}]}
                """, StringComparison.Ordinal);
        Assert.NotEqual(seed, workflow);

        var view = await _engine.RunAsync(workflow);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("notify").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("mail").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("cry").Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("celebrate").Phase);
        var mail = Assert.Single(_sendGrid.Accepted);
        Assert.Equal("durango@example.com", mail["from"]!["email"]!.GetValue<string>());
        var to = mail["personalizations"]![0]!;
        Assert.Equal(["ops@example.com", "dev@example.com"], to["to"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()));
        Assert.Equal(["lead@example.com"], to["cc"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()));
        Assert.Equal($"[Failed] {view.Metadata.Name}", mail["subject"]!.GetValue<string>());
        var body = mail["content"]![0]!["value"]!.GetValue<string>();
        Assert.Equal("text/plain", mail["content"]![0]!["type"]!.GetValue<string>());
        Assert.Contains($"Workflow:  {view.Metadata.Name}", body, StringComparison.Ordinal);
        Assert.Contains("Status:    Failed", body, StringComparison.Ordinal);
        Assert.Matches(@"Duration:  \d+\.\d{6} s", body);
        Assert.Contains("Error (exit code 1)", body, StringComparison.Ordinal);
        Assert.Equal("standin-1", view.Node("mail").Outputs?.Result);
        await AssertKeyNowhereAsync(view);
    }

    [Fact]
    public async Task KeyRejected_FailsTheNode_SayingWhatToCheck_WithoutTheKey()
    {
        _sendGrid.FailNext(401);

        var view = await _engine.RunAsync(Mail("rejected"));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var message = view.Node(view.Metadata.Name).Message;
        Assert.Contains("SendGrid answered 401", message, StringComparison.Ordinal);
        Assert.Contains("check Durango:SendGrid:ApiKey", message, StringComparison.Ordinal);
        Assert.Empty(_sendGrid.Accepted);
        await AssertKeyNowhereAsync(view);
    }

    [Fact]
    public async Task Throttled_WaitsForRetryAfter_ThenSends()
    {
        _sendGrid.FailNext(429, retryAfterSeconds: 1);

        var view = await _engine.RunAsync(Mail("throttled"));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Single(_sendGrid.Accepted);
        Assert.Equal(2, _sendGrid.Requests.Count);
        Assert.Contains("SendGrid answered 429; trying again in 1 s", await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrorsThatPersist_FailTheNodeAfterTheRetries()
    {
        for (var i = 0; i < 4; i++)
        {
            _sendGrid.FailNext(503);
        }

        var view = await _engine.RunAsync(Mail("unavailable"));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Contains("SendGrid answered 503 ServiceUnavailable after 4 attempts: internal error", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
        Assert.Empty(_sendGrid.Accepted);
    }

    [Fact]
    public async Task NoRecipient_ErrorsBeforeCallingSendGrid()
    {
        var view = await _engine.RunAsync(Mail("nobody", to: ""));

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("'to' names no recipient", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
        Assert.Empty(_sendGrid.Requests);
    }

    private static string Mail(string name, string to = "ops@example.com") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: mail-{{name}}-}
        spec:
          entrypoint: send
          templates:
            - name: send
              plugin:
                email: {to: "{{to}}", subject: "hello from {{name}}", body: "a body"}
        """;

    private async Task AssertKeyNowhereAsync(WorkflowView view)
    {
        Assert.DoesNotContain(SendGridStandIn.ApiKey, JsonSerializer.Serialize(view, WorkflowJson.Options), StringComparison.Ordinal);
        await foreach (var line in _engine.Workflows.LogsAsync(view.Metadata.Name, node: null, follow: false))
        {
            Assert.DoesNotContain(SendGridStandIn.ApiKey, line.Text, StringComparison.Ordinal);
        }
    }
}
