namespace KubeRpc.Server.Watching;

/// <summary>
/// Starts the broadcasters with the host, so their history covers the time before the first watch, and ends every
/// stream with UNAVAILABLE as soon as the host begins to stop (before Kestrel's drain), so clients resume elsewhere.
/// </summary>
internal sealed class WatchLifetime(
    EventBroadcaster<V1.Service, Wire.EncodedMessage> services,
    EventBroadcaster<V1.Ingress, Wire.EncodedMessage> ingresses,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            services.Stop();
            ingresses.Stop();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }
}
