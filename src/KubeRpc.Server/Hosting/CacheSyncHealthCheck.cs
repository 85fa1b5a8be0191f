using KubeRpc.Server.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Ready only once every informer has synced, so traffic never meets an empty cache, and no longer ready once the host
/// begins to stop, so load balancers send new work elsewhere while open watch streams finish their grace period
/// (kube-apiserver's readyz "shutdown" check). A change of state is logged once, not on every probe.
/// </summary>
internal sealed class CacheSyncHealthCheck(
    IEnumerable<IInformerStatus> informers,
    IHostApplicationLifetime lifetime,
    ILogger<CacheSyncHealthCheck> logger) : IHealthCheck
{
    private readonly IInformerStatus[] _informers = [.. informers];
    private string? _last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("process is shutting down")
            : _informers.All(i => i.HasSynced)
                ? HealthCheckResult.Healthy("caches synced")
                : HealthCheckResult.Unhealthy("caches syncing (" + string.Join(", ", _informers.Select(i => $"{i.Kind}: {i.HasSynced}")) + ")");
        var state = $"{result.Status}: {result.Description}";
        if (Interlocked.Exchange(ref _last, state) != state)
        {
            HostingLog.ReadinessChanged(logger, result.Status, result.Description ?? "");
        }
        return Task.FromResult(result);
    }
}
