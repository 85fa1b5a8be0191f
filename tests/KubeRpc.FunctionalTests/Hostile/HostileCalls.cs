using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// Every RPC of both managers that takes a namespace or a name, as a call on a given namespace and name, with the
/// request field each one goes into: what the traversal tests send hostile values through.
/// </summary>
internal static class HostileCalls
{
    public sealed record Call(string Rpc, string Field, bool TakesName, Func<KubeRpcHost, string, string, Task> Invoke);

    private static readonly ReadOptions Strong = new() { Consistency = Consistency.Strong };

    /// <summary>Each RPC twice: the hostile value as the namespace, and (where the RPC takes one) as the name.</summary>
    public static IEnumerable<(string Rpc, string Field, Func<KubeRpcHost, string, Task> Invoke)> Addressing()
    {
        foreach (var call in All())
        {
            var prefix = call.Field.Length == 0 ? "" : call.Field + ".";
            yield return (call.Rpc, $"{prefix}namespace", (host, value) => call.Invoke(host, value, "web"));
            if (call.TakesName)
            {
                yield return (call.Rpc, $"{prefix}name", (host, value) => call.Invoke(host, "default", value));
            }
        }
    }

    public static IEnumerable<Call> All() =>
    [
        new("GetService", "", true, (h, ns, n) => h.Services.GetServiceAsync(new GetServiceRequest { Namespace = ns, Name = n }).ResponseAsync),
        new("GetService(strong)", "", true, (h, ns, n) =>
            h.Services.GetServiceAsync(new GetServiceRequest { Namespace = ns, Name = n, ReadOptions = Strong }).ResponseAsync),
        new("ListServices", "", false, (h, ns, _) => h.Services.ListServicesAsync(new ListServicesRequest { Namespace = ns }).ResponseAsync),
        new("ListServices(strong)", "", false, (h, ns, _) =>
            h.Services.ListServicesAsync(new ListServicesRequest { Namespace = ns, ReadOptions = Strong }).ResponseAsync),
        new("CreateService", "service.metadata", false, (h, ns, n) =>
            h.Services.CreateServiceAsync(new CreateServiceRequest { Service = ServiceTestKit.ClusterIp(n, ns) }).ResponseAsync),
        new("UpdateService", "service.metadata", true, (h, ns, n) =>
            h.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = ServiceTestKit.ClusterIp(n, ns) }).ResponseAsync),
        new("UpdateServiceStatus", "service.metadata", true, (h, ns, n) =>
            h.Services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = ServiceTestKit.ClusterIp(n, ns) }).ResponseAsync),
        new("PatchService", "", true, (h, ns, n) => h.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = ns, Name = n, PatchType = PatchType.MergePatch, Patch = """{"metadata":{"labels":{"hit":"yes"}}}""",
        }).ResponseAsync),
        new("PatchService(status)", "", true, (h, ns, n) => h.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = ns, Name = n, PatchType = PatchType.MergePatch, Patch = """{"status":{}}""", Subresource = "status",
        }).ResponseAsync),
        new("ApplyService", "service.metadata", true, (h, ns, n) =>
            h.Services.ApplyServiceAsync(new ApplyServiceRequest { Service = ServiceTestKit.ClusterIp(n, ns), FieldManager = "hostile" }).ResponseAsync),
        new("DeleteService", "", true, (h, ns, n) => h.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = ns, Name = n }).ResponseAsync),
        new("DeleteService(dry run)", "", true, (h, ns, n) =>
            h.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = ns, Name = n, DryRun = true }).ResponseAsync),
        new("DeleteServiceCollection", "", false, (h, ns, _) =>
            h.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest { Namespace = ns }).ResponseAsync),
        new("WatchServices", "", false, (h, ns, _) => FirstAsync(h.Services.WatchServices(new WatchServicesRequest { Namespace = ns }))),
        new("GetIngress", "", true, (h, ns, n) => h.Ingresses.GetIngressAsync(new GetIngressRequest { Namespace = ns, Name = n }).ResponseAsync),
        new("ListIngresses", "", false, (h, ns, _) => h.Ingresses.ListIngressesAsync(new ListIngressesRequest { Namespace = ns }).ResponseAsync),
        new("CreateIngress", "ingress.metadata", false, (h, ns, n) =>
            h.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = IngressFixtures.Simple(n, ns) }).ResponseAsync),
        new("UpdateIngress", "ingress.metadata", true, (h, ns, n) =>
            h.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = IngressFixtures.Simple(n, ns) }).ResponseAsync),
        new("UpdateIngressStatus", "ingress.metadata", true, (h, ns, n) =>
            h.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = IngressFixtures.Simple(n, ns) }).ResponseAsync),
        new("PatchIngress", "", true, (h, ns, n) => h.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = ns, Name = n, PatchType = PatchType.MergePatch, Patch = """{"metadata":{"labels":{"hit":"yes"}}}""",
        }).ResponseAsync),
        new("ApplyIngress", "ingress.metadata", true, (h, ns, n) =>
            h.Ingresses.ApplyIngressAsync(new ApplyIngressRequest { Ingress = IngressFixtures.Simple(n, ns), FieldManager = "hostile" }).ResponseAsync),
        new("DeleteIngress", "", true, (h, ns, n) => h.Ingresses.DeleteIngressAsync(new DeleteIngressRequest { Namespace = ns, Name = n }).ResponseAsync),
        new("DeleteIngressCollection", "", false, (h, ns, _) =>
            h.Ingresses.DeleteIngressCollectionAsync(new DeleteIngressCollectionRequest { Namespace = ns }).ResponseAsync),
        new("WatchIngresses", "", false, (h, ns, _) => FirstAsync(h.Ingresses.WatchIngresses(new WatchIngressesRequest { Namespace = ns }))),
    ];

    /// <summary>The first message of a watch (or its error), then the stream is closed.</summary>
    public static async Task FirstAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            await call.ResponseStream.MoveNext(CancellationToken.None);
        }
    }
}
