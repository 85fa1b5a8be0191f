using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Server.Caching;

namespace KubeRpc.Benchmarks;

/// <summary>
/// How the Service cache grows: an in-process emulator holding N typical Services, loaded straight into its store
/// (<see cref="KubernetesEmulator.StoreWithoutAdmission"/>: 1M ClusterIP Services through admission would take minutes
/// and nearly exhaust 10.96.0.0/12), then a Service informer timed from start to HasSynced, and its retained heap per
/// Service: the full-GC heap after the sync minus the full-GC heap before it, taken once the emulator's objects exist
/// and its controllers are idle, so they are not counted.
/// </summary>
internal static partial class CacheGrowthBenchmark
{
    private const int SyncTarget = 40;
    private const int BytesTarget = 1536;

    public static async Task RunAsync(IReadOnlyList<int> sizes, int namespaces, bool breakdown, bool managedFields)
    {
        Console.WriteLine($"# Cache growth: {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} Services across {namespaces} namespaces");
        Console.WriteLine("# seeded straight into the emulator's store (StoreWithoutAdmission: no admission), ClusterIP Services with cluster IPs from a");
        Console.WriteLine("# counter within 10.96.0.0/12, each as a create stores it (4 labels, 2 annotations, selector, 2 ports" +
            (managedFields ? ", the create's managedFields);" : "; without managedFields, as --managed-fields false asks);"));
        Console.WriteLine("# emulator and informer in this process, the emulator's EndpointSlice controller off");
        foreach (var size in sizes)
        {
            await RunOneAsync(size, namespaces, breakdown, managedFields);
        }
    }

    private static async Task RunOneAsync(int count, int namespaces, bool breakdown, bool withManagedFields)
    {
        // Its EndpointSlice controller off: after a change it passes over every Service, which at 1M takes seconds of CPU
        // beside the sync (EmulatorOptions.EndpointSliceController).
        var emulator = new KubernetesEmulator(new EmulatorOptions { EndpointSliceController = false });
        using var client = emulator.CreateClient();
        var seeding = Stopwatch.StartNew();
        for (var n = 0; n < namespaces; n++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace(n) } });
        }
        // The managedFields a create of this shape gets, from one real create (then deleted).
        var template = await client.CoreV1.CreateNamespacedServiceAsync(SampleObjects.ServiceToCreate(0, Namespace(0)), Namespace(0));
        await client.CoreV1.DeleteNamespacedServiceAsync(template.Metadata.Name, Namespace(0));
        var managedFields = withManagedFields ? template.Metadata.ManagedFields : null;
        emulator.StoreWithoutAdmission("services", Enumerable.Range(0, count).Select(i =>
        {
            var service = SampleObjects.Service(i, Namespace(i % namespaces), 1);
            service.Metadata.ManagedFields = managedFields;
            return (IKubernetesObject<V1ObjectMeta>)service;
        }));
        var seeded = seeding.Elapsed;
        var quiet = await UntilQuietAsync();
        // A paged list's first page builds the emulator's sorted view of the snapshot; build it now, outside the figure.
        await client.CoreV1.ListServiceForAllNamespacesAsync(limit: 1);
        Console.WriteLine($"# {count:N0}: seeded in {seeded.TotalSeconds:0.0} s, emulator quiet after {quiet.TotalSeconds:0.0} s more; " +
            $"heap {GC.GetTotalMemory(true) / 1048576.0:N0} MiB with the emulator's objects");

        // + the emulator's own default/kubernetes Service.
        var (synced, gcCost, heap) = await TimedSync.RunAsync(client, count + 1, TimeSpan.FromSeconds(60));
        var perService = heap / (double)count;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"# {count:N0}: initial sync {synced.TotalSeconds:0.00} s ({count / synced.TotalSeconds:N0} Services/s, pages of {new InformerOptions().PageSize}); " +
            $"GC during it: {gcCost}; cache heap {heap / 1048576.0:N0} MiB = {perService:N0} B per Service; " +
            $"process RSS {self.WorkingSet64 / 1073741824.0:0.0} GiB, peak {self.PeakWorkingSet64 / 1073741824.0:0.0} GiB");
        if (breakdown)
        {
            await BreakdownAsync(emulator, count);
        }
        await emulator.DisposeAsync();
        var workload = string.Create(CultureInfo.InvariantCulture, $"Service informer, {count:N0} Services");
        var syncMet = count < 1_000_000 ? "-" : synced.TotalSeconds <= SyncTarget ? "yes" : "no";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cache | initial sync, {workload} | {synced.TotalSeconds:0.0} s | - | {count / synced.TotalSeconds:N0} Services/s | " +
            $"{(count >= 1_000_000 ? "<= 40 s" : "- (40 s is for 1M)")} | {syncMet} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cache | heap per cached Service, {count:N0} Services | {perService:N0} B | - | {heap / 1048576.0:N0} MiB in all | <= 1,536 B per Service | {(perService <= BytesTarget ? "yes" : "no")} |"));
    }

    /// <summary>
    /// Where the sync's time goes: the emulator's pages alone (fetched as bytes, not decoded), then fetched and decoded
    /// into models as the informer's client does (not projected); the rest of the sync is projection and the store.
    /// </summary>
    private static async Task BreakdownAsync(KubernetesEmulator emulator, int count)
    {
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://emulator.invalid") };
        foreach (var decode in new[] { false, true })
        {
            var clock = Stopwatch.StartNew();
            var items = 0;
            string? next = null;
            do
            {
                var url = "/api/v1/services?limit=500" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
                var body = await http.GetByteArrayAsync(url);
                var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1024));
                next = ContinuePattern().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
                if (decode)
                {
                    using var stream = new MemoryStream(body);
                    items += KubernetesJson.Deserialize<V1ServiceList>(stream).Items.Count;
                }
            }
            while (next is not null);
            Console.WriteLine($"# {count:N0}: all pages {(decode ? "fetched and decoded into V1Service models" : "fetched as bytes (emulator's serving alone)")}: " +
                $"{clock.Elapsed.TotalSeconds:0.00} s{(decode ? $" ({items:N0} items)" : "")}");
        }
    }

    /// <summary>Waits until this process uses under a tenth of a core for a second (the emulator's controllers have caught up).</summary>
    private static async Task<TimeSpan> UntilQuietAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var cpu = ProcessCpu.Self();
            await Task.Delay(1000);
            if ((ProcessCpu.Self() - cpu).TotalSeconds < 0.1)
            {
                break;
            }
        }
        return clock.Elapsed;
    }

    private static string Namespace(int n) => string.Create(CultureInfo.InvariantCulture, $"team-{n:D2}");

    [GeneratedRegex("\"continue\":\"([^\"]+)\"")]
    private static partial Regex ContinuePattern();
}
