using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Ready only once every informer has synced, so traffic never meets an empty cache, and no longer ready once the host
/// begins to stop, so load balancers send new work elsewhere while open watch streams finish their grace period
/// (kube-apiserver's readyz "shutdown" check).
/// </summary>
internal sealed class CacheSyncHealthCheck(
    ResourceInformer<Service, V1Service> services,
    ResourceInformer<Ingress, V1Ingress> ingresses,
    IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("process is shutting down")
            : services.HasSynced && ingresses.HasSynced
                ? HealthCheckResult.Healthy("caches synced")
                : HealthCheckResult.Unhealthy($"caches syncing (services: {services.HasSynced}, ingresses: {ingresses.HasSynced})"));
}
