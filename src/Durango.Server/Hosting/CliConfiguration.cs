using Durango.Embedded;
using Durango.Server.Cli;
using Durango.Storage;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Hosting;

/// <summary>
/// Configuration of the CLI's embedded host: environment variables (<c>Durango__ContainerRuntime</c>,
/// <c>Secrets__name__key</c>), then a JSON file given with <c>--config</c>, then the command line.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(CliArguments args)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (args.Option("--config") is { } file)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        return builder.Build();
    }

    /// <summary>
    /// The backend: in memory, or Azure Storage with <c>--storage</c> (or <c>Durango:Storage</c>) in task hub
    /// <c>--task-hub</c> (or <c>Durango:TaskHub</c>, default <c>durango</c>). A setting that cannot work is a usage error.
    /// </summary>
    public static EmbeddedBackendOptions Backend(CliArguments args, IConfiguration configuration)
    {
        var backend = new EmbeddedBackendOptions
        {
            Storage = args.Option("--storage") ?? configuration["Durango:Storage"],
        };
        // Two hosts on one machine and task hub need different worker ids (the default is the machine name).
        backend.WorkerId = configuration["Durango:WorkerId"] ?? backend.WorkerId;
        backend.TaskHub = args.Option("--task-hub") ?? configuration["Durango:TaskHub"] ?? backend.TaskHub;
        if (configuration["Durango:Partitions"] is { } partitions)
        {
            backend.Partitions = int.TryParse(partitions, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 16
                ? count
                : throw new CliUsageException($"Durango:Partitions must be a whole number from 1 to 16, not '{partitions}'");
        }

        if (configuration["Durango:ExtendedSessions"] is { } sessions)
        {
            backend.ExtendedSessions = bool.TryParse(sessions, out var on)
                ? on
                : throw new CliUsageException($"Durango:ExtendedSessions must be true or false, not '{sessions}'");
        }

        try
        {
            if (backend.Storage is { } storage)
            {
                StorageAccount.Parse(storage);
                BlobContainers.For(backend.TaskHub);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CliUsageException(e.Message);
        }

        return backend;
    }

    /// <summary>How the backend shows in a status line: never the connection string, which holds a key.</summary>
    public static string Describe(EmbeddedBackendOptions backend) => backend.Storage is { } storage
        ? $"Azure Storage backend at {StorageAccount.Parse(storage)}, task hub {backend.TaskHub}"
        : "in-memory backend";
}
