using System.Text.Json;
using Azure.Core.Serialization;
using Durango.Api;
using Durango.Cloud;
using Durango.Engine;
using Durango.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Functions;

/// <summary>
/// The Functions app's wiring: the engine's services with their stores in the app's storage account, the API, and
/// the engine's durable tasks on the Durable worker.
/// </summary>
public static class DurangoFunctions
{
    /// <summary>Registers everything on <paramref name="builder"/>; the tests call this too.</summary>
    public static void Configure(FunctionsApplicationBuilder builder)
    {
        if (FunctionsStorage.Account(builder.Configuration) is { } account)
        {
            builder.Services.AddDurangoBlobStores(account, FunctionsStorage.TaskHub(builder.Configuration));
        }

        builder.Services.AddDurangoAzureArtifacts();
        builder.Services.AddDurangoCloud(builder.Configuration);
        builder.Services.AddDurangoEngine(builder.Configuration);
        builder.Services.AddDurangoApi(builder.Configuration);
        builder.ConfigureDurableWorker().AddTasks(Register);

        // The Durable extension makes its converter from the worker's serializer: payloads are written as the embedded
        // host writes them (DurablePayloads), and read as the worker's default reads, whatever the case of a name.
        builder.Services.Configure<WorkerOptions>(options =>
            options.Serializer = new JsonObjectSerializer(new JsonSerializerOptions(DurablePayloads.Options) { PropertyNameCaseInsensitive = true }));

        // Last: the telemetry decorator wraps the node store chosen above.
        FunctionsTelemetry.Configure(builder);
    }

    /// <summary>The engine's orchestrators and activities, under the names <see cref="DurangoTasks"/> gives them.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        foreach (var (name, type) in DurangoTasks.Orchestrators)
        {
            registry.AddOrchestrator(name, type);
        }

        // The cron tick and the lock activities are functions of their own here (CronTickFunction, LockFunctions),
        // because they need a [DurableClient].
        string[] functions = [Engine.Cron.CronTasks.Tick, Engine.Locks.LockTasks.Open, Engine.Locks.LockTasks.Ended];
        foreach (var (name, type) in DurangoTasks.Activities.Where(a => !functions.Contains(a.Name)))
        {
            registry.AddActivity(name, type);
        }
    }
}
