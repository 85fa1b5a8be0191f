using Google.Protobuf.WellKnownTypes;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>Proto objects with every field set to a non-default value, as a server would return them.</summary>
internal static class ProtoSamples
{
    public static readonly Timestamp Created = Timestamp.FromDateTime(new DateTime(2025, 3, 14, 9, 26, 53, DateTimeKind.Utc));

    public static ObjectMeta Metadata(string name) => new()
    {
        Name = name,
        GenerateName = name + "-",
        Namespace = "shop",
        SelfLink = $"/api/v1/namespaces/shop/services/{name}",
        Uid = "6f1c3d52-8f0e-4b8a-9a43-2b7c1e0d9f10",
        ResourceVersion = "48213",
        Generation = 3,
        CreationTimestamp = Created,
        // Sub-second precision survives: DateTime keeps 100 ns.
        DeletionTimestamp = new Timestamp { Seconds = Created.Seconds + 30, Nanos = 123_456_700 },
        DeletionGracePeriodSeconds = 0,
        Labels = { ["app"] = name, ["tier"] = "frontend" },
        Annotations = { ["example.com/owner"] = "team-a" },
        OwnerReferences =
        {
            new OwnerReference
            {
                ApiVersion = "apps/v1", Kind = "Deployment", Name = name, Uid = "0d7c0d3e-1111-2222-3333-444455556666",
                Controller = true, BlockOwnerDeletion = false,
            },
            // Unset optionals stay unset.
            new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "settings", Uid = "u2" },
        },
        Finalizers = { "example.com/cleanup", "foregroundDeletion" },
        ManagedFields =
        {
            new ManagedFieldsEntry
            {
                Manager = "kubectl", Operation = "Apply", ApiVersion = "v1", Time = Created, FieldsType = "FieldsV1",
                FieldsV1 = """{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{}}}}}""",
            },
            new ManagedFieldsEntry { Manager = "kube-controller-manager", Operation = "Update", Subresource = "status" },
        },
    };

    public static Service Service(ServiceType type) => new()
    {
        Metadata = Metadata("web"),
        Spec = new ServiceSpec
        {
            Type = type,
            Selector = { ["app"] = "web" },
            ClusterIp = "10.96.142.17",
            ClusterIps = { "10.96.142.17", "fd00:10:96::8e11" },
            IpFamilies = { IPFamily.Ipv4, IPFamily.Ipv6 },
            IpFamilyPolicy = IPFamilyPolicy.PreferDualStack,
            InternalTrafficPolicy = InternalTrafficPolicy.Cluster,
            SessionAffinity = SessionAffinity.None,
            Ports =
            {
                new ServicePort { Name = "http", Protocol = Protocol.Tcp, Port = 80, TargetPort = Named("http"), AppProtocol = "http" },
                new ServicePort { Name = "dns", Protocol = Protocol.Udp, Port = 53, TargetPort = Numbered(5353) },
                new ServicePort { Name = "sig", Protocol = Protocol.Sctp, Port = 9999 },
            },
        },
    };

    public static IntOrString Named(string name) => new() { StringValue = name };

    public static IntOrString Numbered(int number) => new() { IntValue = number };

    public static IngressBackend ServiceBackend(string name, string portName) =>
        new() { Service = new IngressServiceBackend { Name = name, Port = new ServiceBackendPort { Name = portName } } };

    public static IngressBackend ServiceBackend(string name, int portNumber) =>
        new() { Service = new IngressServiceBackend { Name = name, Port = new ServiceBackendPort { Number = portNumber } } };

    public static HTTPIngressPath Path(string path, PathType type, IngressBackend backend) =>
        new() { Path = path, PathType = type, Backend = backend };
}
