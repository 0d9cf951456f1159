using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durango.Embedded;

/// <summary>
/// The embedded durable backend as a hosted service: started with the host (or by hand in <c>durango run</c>), it
/// runs the engine's tasks with the container's services and hands out the <see cref="DurableTaskClient"/>.
/// </summary>
public sealed class EmbeddedBackendService(IServiceProvider services, EmbeddedBackendOptions options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private EmbeddedDurableHost? _host;

    /// <summary>The client; available once started.</summary>
    public DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("the embedded backend has not started");

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _host ??= options.Storage is null
            ? await EmbeddedDurableHost.StartInMemoryAsync(services, loggerFactory, options.ExtraTasks, options.ExtendedSessions ?? true).ConfigureAwait(false)
            : await EmbeddedDurableHost.StartAzureStorageAsync(services, services.GetRequiredService<DurableStorageAccount>(), options, loggerFactory).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Registers the embedded backend.</summary>
public static class EmbeddedBackendServices
{
    /// <summary>
    /// Adds the embedded backend and its <see cref="DurableTaskClient"/>. With <see cref="EmbeddedBackendOptions.Storage"/>
    /// set, the host registers the <see cref="DurableStorageAccount"/> (and, if it wants, its stores in the same account).
    /// </summary>
    public static IServiceCollection AddEmbeddedDurableBackend(this IServiceCollection services, EmbeddedBackendOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<EmbeddedBackendService>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBackendService>());
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedBackendService>().Client);
        return services;
    }
}
