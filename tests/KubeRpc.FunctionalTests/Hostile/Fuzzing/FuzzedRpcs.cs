using Google.Protobuf;
using Google.Protobuf.Reflection;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>An RPC as the fuzzer calls it: its descriptor, and valid requests (on the fixtures) that mutations start from.</summary>
internal sealed record FuzzedRpc(MethodDescriptor Method, IReadOnlyList<Func<IMessage>> Seeds)
{
    public string FullName => $"{Method.Service.FullName}/{Method.Name}";

    /// <summary>A call that may change stored objects when it succeeds (and is not a dry run).</summary>
    public bool Writes => Method.Name.StartsWith("Create", StringComparison.Ordinal) || Method.Name.StartsWith("Update", StringComparison.Ordinal)
        || Method.Name.StartsWith("Patch", StringComparison.Ordinal) || Method.Name.StartsWith("Apply", StringComparison.Ordinal)
        || Method.Name.StartsWith("Delete", StringComparison.Ordinal);

    public string Resource => Method.Service.Name == "IngressManager" ? "ingresses" : "services";

    public override string ToString() => FullName;
}

/// <summary>
/// Every RPC of both managers, each with seed requests. A test compares this list with the protos' descriptors, so an
/// RPC added to a proto fails the build of the fuzzer until it has seeds here.
/// </summary>
internal static class FuzzedRpcs
{
    private static readonly ReadOptions Strong = new() { Consistency = Consistency.Strong };

    public static readonly IReadOnlyList<FuzzedRpc> All =
    [
        Rpc(ServiceManager.Descriptor, "CreateService",
            () => new CreateServiceRequest { Service = ServiceTestKit.ClusterIp("new-name") },
            () => new CreateServiceRequest { Service = NodePort("new-name"), DryRun = true, FieldManager = "fuzz" },
            () => new CreateServiceRequest { Service = ServiceTestKit.ClusterIp("web") }),
        Rpc(ServiceManager.Descriptor, "GetService",
            () => new GetServiceRequest { Namespace = "default", Name = "web" },
            () => new GetServiceRequest { Namespace = "team", Name = "api", ReadOptions = Strong },
            () => new GetServiceRequest { Namespace = "default", Name = "web2", ReadOptions = new ReadOptions { MinResourceVersion = "1" } }),
        Rpc(ServiceManager.Descriptor, "ListServices",
            () => new ListServicesRequest(),
            () => new ListServicesRequest { Namespace = "default", PageSize = 1, LabelSelector = "app" },
            () => new ListServicesRequest { PageSize = 2, ReadOptions = Strong }),
        Rpc(ServiceManager.Descriptor, "UpdateService",
            () => new UpdateServiceRequest { Service = ServiceTestKit.ClusterIp("web") },
            () => new UpdateServiceRequest { Service = NodePort("web2"), DryRun = true }),
        Rpc(ServiceManager.Descriptor, "UpdateServiceStatus",
            () => new UpdateServiceStatusRequest { Service = WithStatus(ServiceTestKit.ClusterIp("web")) }),
        Rpc(ServiceManager.Descriptor, "PatchService",
            () => new PatchServiceRequest { Namespace = "default", Name = "web", PatchType = PatchType.MergePatch, Patch = """{"metadata":{"labels":{"hit":"yes"}}}""" },
            () => new PatchServiceRequest { Namespace = "default", Name = "web2", PatchType = PatchType.JsonPatch, Patch = """[{"op":"add","path":"/metadata/labels/x","value":"y"}]""" },
            () => new PatchServiceRequest { Namespace = "team", Name = "api", PatchType = PatchType.StrategicMergePatch, Patch = """{"spec":{"ports":[{"port":81}]}}""" },
            () => new PatchServiceRequest
            {
                Namespace = "default", Name = "web", PatchType = PatchType.ApplyPatch, FieldManager = "fuzz", Force = true,
                Patch = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"http","port":80}]}}""",
            },
            () => new PatchServiceRequest { Namespace = "default", Name = "web", PatchType = PatchType.MergePatch, Subresource = "status", Patch = """{"status":{}}""" }),
        Rpc(ServiceManager.Descriptor, "ApplyService",
            () => new ApplyServiceRequest { Service = ServiceTestKit.ClusterIp("web"), FieldManager = "fuzz", Force = true },
            () => new ApplyServiceRequest { Service = NodePort("new-name"), FieldManager = "fuzz", DryRun = true }),
        Rpc(ServiceManager.Descriptor, "DeleteService",
            () => new DeleteServiceRequest { Namespace = "default", Name = "web2", DryRun = true },
            () => new DeleteServiceRequest { Namespace = "default", Name = "new-name" },
            () => new DeleteServiceRequest
            {
                Namespace = "team", Name = "api", Preconditions = new Preconditions { ResourceVersion = "1" }, PropagationPolicy = PropagationPolicy.Foreground,
            }),
        Rpc(ServiceManager.Descriptor, "DeleteServiceCollection",
            () => new DeleteServiceCollectionRequest { Namespace = "team", LabelSelector = "app=api", DryRun = true },
            () => new DeleteServiceCollectionRequest { Namespace = "default", LabelSelector = "app=new-name" }),
        Rpc(ServiceManager.Descriptor, "WatchServices",
            () => new WatchServicesRequest(),
            () => new WatchServicesRequest { Namespace = "default", SendInitialEvents = true, AllowBookmarks = true },
            () => new WatchServicesRequest { Namespace = "team", ResourceVersion = "1", LabelSelector = "app=api" }),
        Rpc(ServiceManager.Descriptor, "ResolveServiceEndpoints",
            () => new ResolveServiceEndpointsRequest { Namespace = "default", Name = "web" },
            () => new ResolveServiceEndpointsRequest { Namespace = "default", Name = "kubernetes" }),
        Rpc(ServiceManager.Descriptor, "WatchServiceEndpoints",
            () => new WatchServiceEndpointsRequest { Namespace = "default", Name = "web" },
            () => new WatchServiceEndpointsRequest { Namespace = "team", Name = "api", ResourceVersion = "1", AllowBookmarks = true }),

        Rpc(IngressManager.Descriptor, "CreateIngress",
            () => new CreateIngressRequest { Ingress = IngressFixtures.Simple("new-name") },
            () => new CreateIngressRequest { Ingress = IngressFixtures.Simple("new-name"), DryRun = true, FieldManager = "fuzz" }),
        Rpc(IngressManager.Descriptor, "GetIngress",
            () => new GetIngressRequest { Namespace = "default", Name = "web" },
            () => new GetIngressRequest { Namespace = "default", Name = "web2", ReadOptions = Strong }),
        Rpc(IngressManager.Descriptor, "ListIngresses",
            () => new ListIngressesRequest { PageSize = 1 },
            () => new ListIngressesRequest { Namespace = "default", LabelSelector = "app", ReadOptions = Strong }),
        Rpc(IngressManager.Descriptor, "UpdateIngress",
            () => new UpdateIngressRequest { Ingress = IngressFixtures.Simple("web") },
            () => new UpdateIngressRequest { Ingress = IngressFixtures.Simple("web2"), DryRun = true }),
        Rpc(IngressManager.Descriptor, "UpdateIngressStatus",
            () => new UpdateIngressStatusRequest { Ingress = IngressFixtures.Simple("web") }),
        Rpc(IngressManager.Descriptor, "PatchIngress",
            () => new PatchIngressRequest { Namespace = "default", Name = "web", PatchType = PatchType.MergePatch, Patch = """{"metadata":{"labels":{"hit":"yes"}}}""" },
            () => new PatchIngressRequest { Namespace = "default", Name = "web2", PatchType = PatchType.JsonPatch, Patch = """[{"op":"remove","path":"/spec/rules"}]""" },
            () => new PatchIngressRequest { Namespace = "default", Name = "web", PatchType = PatchType.MergePatch, Subresource = "status", Patch = """{"status":{}}""" }),
        Rpc(IngressManager.Descriptor, "ApplyIngress",
            () => new ApplyIngressRequest { Ingress = IngressFixtures.Simple("web"), FieldManager = "fuzz", Force = true },
            () => new ApplyIngressRequest { Ingress = IngressFixtures.Simple("new-name"), FieldManager = "fuzz", DryRun = true }),
        Rpc(IngressManager.Descriptor, "DeleteIngress",
            () => new DeleteIngressRequest { Namespace = "default", Name = "web2", DryRun = true },
            () => new DeleteIngressRequest { Namespace = "default", Name = "new-name" }),
        Rpc(IngressManager.Descriptor, "DeleteIngressCollection",
            () => new DeleteIngressCollectionRequest { Namespace = "default", LabelSelector = "app=web", DryRun = true },
            () => new DeleteIngressCollectionRequest { Namespace = "default", FieldSelector = "metadata.name=new-name" }),
        Rpc(IngressManager.Descriptor, "WatchIngresses",
            () => new WatchIngressesRequest(),
            () => new WatchIngressesRequest { Namespace = "default", SendInitialEvents = true, AllowBookmarks = true, ResourceVersion = "1" }),
    ];

    private static FuzzedRpc Rpc(ServiceDescriptor service, string method, params Func<IMessage>[] seeds) =>
        new(service.FindMethodByName(method) ?? throw new ArgumentException($"{service.Name} has no {method}", nameof(method)), seeds);

    private static Service NodePort(string name)
    {
        var service = ServiceTestKit.ClusterIp(name);
        service.Spec.Type = ServiceType.NodePort;
        service.Spec.Ports[0].NodePort = 30080;
        return service;
    }

    private static Service WithStatus(Service service)
    {
        service.Status = new ServiceStatus
        {
            LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "10.0.0.1", Ports = { new PortStatus { Port = 80 } } } } },
            Conditions = { new Condition { Type = "Ready", Status = ConditionStatus.True, Reason = "Fuzz", LastTransitionTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch) } },
        };
        return service;
    }
}
