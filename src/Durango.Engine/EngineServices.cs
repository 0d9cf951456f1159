using Durango.Core.Expressions;
using Durango.Engine.Activities;
using Durango.Engine.Artifacts;
using Durango.Engine.Executors;
using Durango.Engine.Orchestration;
using Durango.Engine.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durango.Engine;

/// <summary>Registers the engine's tasks and what they depend on; both hosts call this, then may replace stores.</summary>
public static class EngineServices
{
    /// <summary>Adds the orchestrators, activities, executors and default (local) stores.</summary>
    public static IServiceCollection AddDurangoEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DurangoOptions.Section).Get<DurangoOptions>() ?? new DurangoOptions();
        options.Limits.Expressions = configuration.GetSection(ExpressionLimits.SettingPrefix).Get<ExpressionLimits>() ?? ExpressionLimits.Default;
        services.TryAddSingleton(options);
        services.TryAddSingleton<INodeStore, InMemoryNodeStore>();
        services.TryAddSingleton<ITemplateStore, InMemoryTemplateStore>();
        services.TryAddSingleton<IOutputStore, InMemoryOutputStore>();
        services.TryAddSingleton<IMemoStore, InMemoryMemoStore>();
        services.TryAddSingleton<OutputValues>();
        services.TryAddSingleton<WorkflowSpecs>();
        services.TryAddSingleton<ILogStore>(_ => new FileLogStore(options.LogDirectory));
        services.TryAddSingleton<ISecretStore>(_ => new ConfigurationSecretStore(configuration));
        services.TryAddSingleton<IConfigMapStore>(_ => new ConfigurationConfigMapStore(configuration));
        services.TryAddSingleton<RunningLeaves>();
        services.TryAddSingleton<StepReaper>();
        services.TryAddSingleton<IContainerRuntime>(sp => options.ContainerRuntime switch
        {
            "process" => new ProcessContainerRuntime(options.WorkDirectory, sp.GetRequiredService<StepReaper>()),
            "docker" => new DockerContainerRuntime(options.WorkDirectory, options.DockerCommand),
            "aci" => throw new InvalidOperationException("Durango:ContainerRuntime aci needs the cloud executors registered (AddDurangoCloud)"),
            var other => throw new InvalidOperationException($"Durango:ContainerRuntime '{other}' is not known; use process, docker or aci"),
        });
        services.AddHttpClient(HttpTemplateExecutor.ClientName);
        services.AddHttpClient(HttpTemplateExecutor.InsecureClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // Only for templates that ask for it with insecureSkipVerify, as Argo allows.
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        services.TryAddSingleton<HttpTemplateExecutor>();
        services.TryAddSingleton<LeafDispatcher>();
        services.TryAddSingleton(new DefaultArtifactRepository(new LocalArtifactRepository(options.ArtifactDirectory)));
        services.TryAddSingleton<IAzureArtifactRepositories, NoAzureArtifactRepositories>();
        services.TryAddSingleton<ArtifactLocations>();
        services.TryAddSingleton(new ArtifactRepositories(configuration));
        services.TryAddSingleton<ArtifactTransfer>();
        services.TryAddSingleton<ArtifactCollector>();
        services.TryAddTransient<WorkflowOrchestrator>();
        services.TryAddTransient<TemplateOrchestrator>();
        services.TryAddTransient<LoopBatchOrchestrator>();
        services.TryAddTransient<RunLeafActivity>();
        services.TryAddTransient<RecordNodesActivity>();
        services.TryAddTransient<ReadOutputsActivity>();
        services.TryAddTransient<Locks.LockOrchestrator>();
        services.TryAddTransient<Locks.LockOpenActivity>();
        services.TryAddTransient<Locks.LockEndedActivity>();
        services.TryAddTransient<StoreWorkflowActivity>();
        services.TryAddTransient<CollectArtifactsActivity>();
        services.TryAddTransient<MemoLoadActivity>();
        services.TryAddTransient<MemoSaveActivity>();
        services.TryAddTransient<AwaitDaemonActivity>();
        return services;
    }
}
