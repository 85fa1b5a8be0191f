using Google.Protobuf;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Mapping;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Managed heap per cached object: N typical objects projected as the informer does (proto built once,
/// labels and selectable fields beside it) into a <see cref="ResourceStore{TProto}"/>, measured as the
/// GC.GetTotalMemory(true) delta with only the store kept alive, divided by N.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(int count, int namespaces)
    {
        Console.WriteLine($"\n## Cache memory at {count:N0} objects across {namespaces} namespaces (typical Service JSON {SampleObjects.JsonBytes} B)");
        var protoOnly = Measure("Service proto alone in a List (no store, no CachedObject)", count,
            () => Enumerable.Range(0, count).Select(i => ServiceMapping.ToProto(SampleObjects.Service(i, Ns(i, namespaces), i + 1))).ToList());
        var services = Measure("Service in ResourceStore (as the informer holds it)", count,
            () => Fill(count, i => ResourceProjections.Services.Project(SampleObjects.Service(i, Ns(i, namespaces), i + 1))));
        var ingresses = Measure("Ingress in ResourceStore (as the informer holds it)", count,
            () => Fill(count, i => ResourceProjections.Ingresses.Project(SampleObjects.Ingress(i, Ns(i, namespaces), i + 1))));
        var sharedServices = Measure("Service in ResourceStore, strings shared (prototype, pool counted)", count, () =>
        {
            var sharing = new StringSharing();
            return (Fill(count, i => Shared(sharing, ResourceProjections.Services.Project(SampleObjects.Service(i, Ns(i, namespaces), i + 1)))), sharing);
        });
        var sharedIngresses = Measure("Ingress in ResourceStore, strings shared (prototype, pool counted)", count, () =>
        {
            var sharing = new StringSharing();
            return (Fill(count, i => Shared(sharing, ResourceProjections.Ingresses.Project(SampleObjects.Ingress(i, Ns(i, namespaces), i + 1)))), sharing);
        });
        var serialized = Measure("Service as serialized proto bytes + shared-string labels in ResourceStore (prototype)", count, () =>
        {
            var sharing = new StringSharing();
            return (Fill(count, i => SerializedProjection.Project(SampleObjects.Service(i, Ns(i, namespaces), i + 1), sharing)), sharing);
        });
        Console.WriteLine($"memory per cached Service as serialized bytes (prototype): {serialized:N0} B");
        Console.WriteLine($"memory per cached Service: {services:N0} B (target <= 1,536 B); proto alone {protoOnly:N0} B; with shared strings {sharedServices:N0} B");
        Console.WriteLine($"memory per cached Ingress: {ingresses:N0} B; with shared strings {sharedIngresses:N0} B");
    }

    private static string Ns(int i, int namespaces) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"team-{i % namespaces:D2}");

    private static CachedObject<TProto> Shared<TProto>(StringSharing sharing, CachedObject<TProto> item) where TProto : class, IMessage
    {
        sharing.ShareAll(item.Value);
        return item;
    }

    private static double Measure(string label, int count, Func<object> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(held);
        var perObject = (after - before) / (double)count;
        Console.WriteLine($"{label}: {(after - before) / 1048576.0:0.0} MiB = {perObject:N0} B per object");
        return perObject;
    }

    private static ResourceStore<TProto> Fill<TProto>(int count, Func<int, CachedObject<TProto>> project) where TProto : class
    {
        var items = new List<CachedObject<TProto>>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(project(i));
        }
        var store = new ResourceStore<TProto>();
        store.Replace(items, count + 1);
        if (store.Current.Count != count)
        {
            throw new InvalidOperationException($"store holds {store.Current.Count}, expected {count}");
        }
        return store;
    }
}
