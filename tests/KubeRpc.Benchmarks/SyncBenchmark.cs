using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Server.Caching;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Initial sync: an in-process emulator pre-filled with N Services (through KubernetesClient), then a Service
/// informer started on it and timed until <c>HasSynced</c>. Also prints the informer's heap (delta around the
/// sync) as a second, end-to-end memory figure with the objects the emulator really serves, and what the sync
/// cost the GC (collections per generation, time paused, bytes allocated): at 100,000 Services the informer
/// builds a cache of about half a gigabyte beside the emulator's own objects, and promoting it is a real share
/// of the time.
/// </summary>
internal static class SyncBenchmark
{
    public static async Task RunAsync(int count, int namespaces)
    {
        Console.WriteLine($"\n## Initial sync at {count:N0} services across {namespaces} namespaces");
        await using var emulator = new KubernetesEmulator();
        using var client = emulator.CreateClient();
        await SeedAsync(client, count, namespaces, "team");

        // + the emulator's own default/kubernetes Service.
        var (synced, gcCost, heap) = await TimedSync.RunAsync(client, count + 1, TimeSpan.FromSeconds(30));
        Console.WriteLine($"initial sync of {count:N0} services: {synced.TotalSeconds:0.00} s ({count / synced.TotalSeconds:N0} objects/s, page size {new InformerOptions().PageSize})");
        Console.WriteLine($"GC during the sync: {gcCost}");
        Console.WriteLine($"informer heap after sync (emulator-served objects, with managedFields): {heap / (double)count:N0} B per service");
    }

    /// <summary>Creates the namespaces and <paramref name="count"/> typical Services, 8 callers at a time.</summary>
    public static async Task SeedAsync(IKubernetes client, int count, int namespaces, string prefix)
    {
        var sw = Stopwatch.StartNew();
        for (var n = 0; n < namespaces; n++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"{prefix}-{n:D2}" } });
        }
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var ns = $"{prefix}-{i % namespaces:D2}";
                await client.CoreV1.CreateNamespacedServiceAsync(SampleObjects.ServiceToCreate(i, ns), ns);
            }
        }));
        Console.WriteLine($"seeded {count:N0} services in {sw.Elapsed.TotalSeconds:0.0} s");
    }
}
