using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Durango.Testing.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Cloud.Tests.Smtp;

/// <summary>
/// The seed's own notifier, <c>step-notify-email</c>: a python script step that sends over SMTP with credentials
/// from <c>secretKeyRef</c>s, resolved from configuration, delivering to a real SMTP server on loopback.
/// </summary>
public sealed class SeedSmtpTemplateTests : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _smtp = SmtpServer.Start();
        _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Secrets:smtp-credentials:host"] = "127.0.0.1",
            ["Secrets:smtp-credentials:port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Secrets:smtp-credentials:from"] = "argo@example.com",
            ["Secrets:smtp-credentials:username"] = string.Empty,
            ["Secrets:smtp-credentials:password"] = string.Empty,
            ["Secrets:smtp-credentials:tls"] = "False",
        });
        var file = ConformanceCorpus.Seed("cluster-template-notify-email.yaml");
        var installed = await _engine.Services.GetRequiredService<TemplateService>().PutAsync(WorkflowKind.ClusterWorkflowTemplate, null, await File.ReadAllTextAsync(file), file, TemplateService.Write.Create);
        Assert.True(installed.Template is not null, string.Join("\n", installed.Diagnostics));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task SeedEmailTemplate_InAnExitHandler_DeliversToEachRecipient()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: smtp-notify-}
            spec:
              entrypoint: work
              onExit: notify
              templates:
                - name: work
                  container: {image: alpine, command: [echo, working]}
                - name: notify
                  steps:
                    - - name: email
                        templateRef: {name: step-notify-email, template: email, clusterScope: true}
                        arguments:
                          parameters:
                            - {name: CREDENTIALS_SECRET, value: smtp-credentials}
                            - {name: TO, value: "ops@example.com dev@example.com"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("email").Phase);
        var messages = _smtp.Messages.ToList();
        Assert.Equal(["ops@example.com", "dev@example.com"], messages.SelectMany(m => m.To));
        Assert.All(messages, m =>
        {
            Assert.Equal("argo@example.com", m.From);
            Assert.Contains($"Subject: =?utf-8?q?{view.Metadata.Name}_Succeeded?=", m.Data, StringComparison.Ordinal); // RFC 2047: "_" is a space
        });
        var body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(messages[0].Data.Split("\n\n", 2)[1].Split('\n'))));
        // As in Argo: the f-string's "{{" pairs with the "}}" of {{workflow.name}}, so that one tag is left for
        // python, which prints it as {workflow.name}; the tags after it are substituted.
        Assert.Contains("\"name\": \"{workflow.name}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"namespace\": \"argo\"", body, StringComparison.Ordinal); // the server's default namespace, as argo-server's
        Assert.Contains("\"status\": \"Succeeded\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"uid\": \"{view.Metadata.Uid}\"", body, StringComparison.Ordinal);
    }
}
