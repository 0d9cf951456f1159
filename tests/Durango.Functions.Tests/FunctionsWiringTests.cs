using System.Reflection;
using Durango.Engine;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Storage;
using Durango.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Worker;

namespace Durango.Functions.Tests;

/// <summary>
/// The Functions app's host, built as <c>Program.cs</c> builds it (but not run), with the extension startups the
/// worker runs from the app's generated code: the worker's metadata manager, which the Functions host asks for the
/// app's functions, lists the HTTP routes and, through the Durable extension, every orchestrator and activity of the
/// engine under its <see cref="DurangoTasks"/> name.
/// </summary>
public class FunctionsWiringTests
{
    private static IHost Build(IDictionary<string, string?>? settings = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.ConfigureFunctionsWebApplication();
        DurangoFunctions.Configure(builder);

        // What the worker does at start-up: run the extension startups the Functions SDK generated into the app.
        var info = typeof(DurangoFunctions).Assembly.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()!;
        ((WorkerExtensionStartup)Activator.CreateInstance(info.StartupCodeExecutorType)!).Configure(builder);
        return builder.Build();
    }

    [Fact]
    public async Task Host_ListsTheEnginesOrchestratorsAndActivitiesAsDurableFunctions()
    {
        using var host = Build();

        var functions = await host.Services.GetRequiredService<IFunctionMetadataManager>().GetFunctionMetadataAsync(AppContext.BaseDirectory);

        foreach (var (name, _) in DurangoTasks.Orchestrators)
        {
            var function = Assert.Single(functions, f => f.Name == name);
            Assert.Contains("orchestrationTrigger", string.Join(' ', function.RawBindings ?? []), StringComparison.Ordinal);
        }

        foreach (var (name, _) in DurangoTasks.Activities)
        {
            var function = Assert.Single(functions, f => f.Name == name);
            Assert.Contains("activityTrigger", string.Join(' ', function.RawBindings ?? []), StringComparison.Ordinal);
        }

        Assert.Contains(functions, f => f.Name == ApiFunction.Name);
    }

    [Fact]
    public void Host_WritesDurablePayloadsAsTheEmbeddedHostDoes_AndReadsThem()
    {
        using var host = Build();
        var converter = host.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        var at = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var result = new LeafRunResult(NodePhase.Succeeded, null, new NodeOutputs { ExitCode = "0" }, at, at, Recorded: true);

        var written = converter.Serialize(result)!;

        Assert.Equal(DurablePayloads.Converter.Serialize(result), written);
        Assert.DoesNotContain("null", written, StringComparison.Ordinal);
        Assert.Equal(result, converter.Deserialize<LeafRunResult>(written) with { Outputs = result.Outputs });
        Assert.Equal("0", converter.Deserialize<LeafRunResult>(written)!.Outputs.ExitCode);
    }

    [Fact]
    public void Host_ResolvesTheFunctionClassesAndTheEngine()
    {
        using var host = Build();

        Assert.NotNull(ActivatorUtilities.CreateInstance<ApiFunction>(host.Services));
        foreach (var (_, type) in DurangoTasks.Orchestrators.Concat(DurangoTasks.Activities))
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public void Host_WithAzureWebJobsStorage_KeepsNodesLogsOutputsAndTemplatesInThatAccountsBlobs()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["Durango:TaskHub"] = "prodhub",
        });

        Assert.IsType<BlobNodeStore>(Assert.IsType<TracingNodeStore>(host.Services.GetRequiredService<INodeStore>()).Inner);
        Assert.IsType<BlobLogStore>(host.Services.GetRequiredService<ILogStore>());
        Assert.IsType<BlobOutputStore>(host.Services.GetRequiredService<IOutputStore>());
        Assert.IsType<BlobTemplateStore>(host.Services.GetRequiredService<ITemplateStore>());
        Assert.Equal("prodhub-logs", host.Services.GetRequiredService<BlobContainers>().Logs);
    }

    [Fact]
    public void Host_WithIdentityBasedStorage_UsesTheAccountsBlobEndpoint()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "durangoprod",
            ["AzureWebJobsStorage:clientId"] = "11111111-2222-3333-4444-555555555555",
        });

        var account = host.Services.GetRequiredService<StorageAccount>();
        Assert.Equal("https://durangoprod.blob.core.windows.net/", account.BlobUri?.ToString());
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(account.Credential);
        Assert.IsType<BlobNodeStore>(Assert.IsType<TracingNodeStore>(host.Services.GetRequiredService<INodeStore>()).Inner);
    }

    [Fact]
    public void Host_WithTheAciRuntime_RunsStepsOnContainerInstances_AndHasTheEmailPlugin()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Durango:ContainerRuntime"] = "aci",
            ["Durango:Aci:SubscriptionId"] = "00000000-0000-0000-0000-000000000001",
            ["Durango:Aci:ResourceGroup"] = "steps",
            ["Durango:Aci:Location"] = "westeurope",
            ["Durango:Aci:ManagedIdentityClientId"] = "11111111-2222-3333-4444-555555555555",
        });

        Assert.IsType<Cloud.ContainerInstances.AciContainerRuntime>(host.Services.GetRequiredService<Engine.Executors.IContainerRuntime>());
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(host.Services.GetRequiredService<Azure.Core.TokenCredential>());
        Assert.Contains(host.Services.GetServices<Engine.Executors.IPluginExecutor>(), p => p.Name == "email");
    }
}
