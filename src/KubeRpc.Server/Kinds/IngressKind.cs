using k8s.Models;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Server.Kinds;

/// <summary>networking.k8s.io/v1 Ingresses.</summary>
internal static class IngressKind
{
    public static ResourceKind<Ingress, V1Ingress> Descriptor { get; } = new(
        new ApiResource("networking.k8s.io", "v1", "ingresses", IngressMapping.Kind, DeleteReturnsObject: false),
        "ingress",
        transport => new ResourceClient<V1Ingress, V1IngressList>(transport, Descriptor!.Resource),
        IngressMapping.ToProto,
        IngressMapping.ToKubernetes,
        static i => i.Metadata,
        Ingress.Parser,
        // Metadata fields only, as for most kinds.
        []);
}
