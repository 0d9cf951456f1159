using Durango.Server.Cli;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Hosting;

/// <summary>
/// Configuration of the CLI's embedded host: environment variables (<c>Durango__ContainerRuntime</c>,
/// <c>Secrets__name__key</c>), then a JSON file given with <c>--config</c>.
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
}
