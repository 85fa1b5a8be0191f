using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Managed heap per cached object: N typical objects projected as the informer does (the proto encoded once,
/// labels and selectable fields beside it, repeated strings shared) into a <see cref="ResourceStore{TProto}"/>,
/// measured as the GC.GetTotalMemory(true) delta with only the store kept alive, divided by N.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(int count, int namespaces)
    {
        Console.WriteLine($"\n## Cache memory at {count:N0} objects across {namespaces} namespaces (typical Service JSON {SampleObjects.JsonBytes} B)");
        var protoOnly = Measure("Service proto alone in a List (no store, no CachedObject)", count,
            () => Enumerable.Range(0, count).Select(i => ServiceMapping.ToProto(SampleObjects.Service(i, Ns(i, namespaces), i + 1))).ToList());
        var services = Measure("Service in ResourceStore (as the informer holds it)", count,
            () => Fill(count, i => new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor).Project(SampleObjects.Service(i, Ns(i, namespaces), i + 1))));
        var ingresses = Measure("Ingress in ResourceStore (as the informer holds it)", count,
            () => Fill(count, i => new ResourceProjection<Ingress, V1Ingress>(IngressKind.Descriptor).Project(SampleObjects.Ingress(i, Ns(i, namespaces), i + 1))));
        Console.WriteLine($"memory per cached Service: {services:N0} B (target <= 1,536 B); the proto message object alone {protoOnly:N0} B");
        Console.WriteLine($"memory per cached Ingress: {ingresses:N0} B");
    }

    private static string Ns(int i, int namespaces) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"team-{i % namespaces:D2}");

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
