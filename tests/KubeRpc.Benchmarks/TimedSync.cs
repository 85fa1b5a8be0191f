using System.Diagnostics;
using k8s;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeRpc.Benchmarks;

/// <summary>
/// A Service informer started on <c>client</c> and timed until it has synced, with what the sync cost the GC and the
/// heap the cache keeps (full-GC heap after minus before); the informer is stopped before returning.
/// </summary>
internal sealed record TimedSync(TimeSpan Elapsed, GcCounts Gc, long HeapBytes)
{
    public static async Task<TimedSync> RunAsync(IKubernetes client, int expectedObjects, TimeSpan requestTimeout)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var gc = GcCounts.Take();
        var informer = ResourceInformers.Create(ServiceKind.Descriptor, ServiceKind.Descriptor.Client(new ApiTransport(client, requestTimeout)),
            new InformerOptions(), TimeProvider.System, NullLogger.Instance);
        var clock = Stopwatch.StartNew();
        await informer.StartAsync(CancellationToken.None);
        await informer.WaitForSyncAsync(CancellationToken.None);
        var elapsed = clock.Elapsed;
        var gcCost = GcCounts.Take() - gc;
        if (informer.ObjectsCached != expectedObjects)
        {
            throw new InvalidOperationException($"synced {informer.ObjectsCached}, expected {expectedObjects}");
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        await informer.StopAsync(CancellationToken.None);
        informer.Dispose();
        return new TimedSync(elapsed, gcCost, after - before);
    }
}
