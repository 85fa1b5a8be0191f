using KubeRpc.Emulator.Hosting;
using KubeRpc.Server.Kubernetes;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>In Embedded mode, serves the in-process cluster's Kubernetes API over HTTP so kubectl can look at it.</summary>
internal sealed class EmbeddedApiServer(EmbeddedCluster cluster, IOptions<KubernetesOptions> options, ILogger<EmbeddedApiServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.Embedded.Url;
        if (cluster.Emulator is null || string.IsNullOrEmpty(url))
        {
            return;
        }
        _app = EmulatorWebHost.Build(cluster.Emulator, url);
        await _app.StartAsync(cancellationToken);
        HostingLog.EmbeddedApiServing(logger, url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
