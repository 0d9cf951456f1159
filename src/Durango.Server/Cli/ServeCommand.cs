using Durango.Server.Hosting;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango serve [--urls URL] [--api-key KEY] [--storage CONNECTION|URI] [--task-hub NAME] [--config FILE]</c>: the HTTP API,
/// <c>/healthz</c> and the embedded backend in one process, until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout)
    {
        var urls = args.Option("--urls") ?? ServeHost.DefaultUrls;
        var apiKey = args.Option("--api-key") ?? Environment.GetEnvironmentVariable("DURANGO_API_KEY");
        var configuration = CliConfiguration.Build(args);
        var backend = CliConfiguration.Backend(args, configuration);
        await using var host = await ServeHost.StartAsync(configuration, backend, urls, apiKey).ConfigureAwait(false);
        await stdout.WriteLineAsync($"durango serve: listening on {string.Join(", ", host.Addresses)} ({CliConfiguration.Describe(backend)}{(apiKey is null ? string.Empty : ", API key required")}); Ctrl+C stops").ConfigureAwait(false);
        await host.WaitForShutdownAsync().ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
