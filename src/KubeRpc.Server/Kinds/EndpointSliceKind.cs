using k8s.Models;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Server.Kinds;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlices, which KubeRpc only reads: an informer caches them, projected to the partial
/// <see cref="ServiceEndpoints"/> of <see cref="EndpointSliceMapping"/>, for the endpoint index to join per Service.
/// No RPC writes them, so the kind has no mapping back.
/// </summary>
internal static class EndpointSliceKind
{
    public static ResourceKind<ServiceEndpoints, V1EndpointSlice> Descriptor { get; } = new(
        new ApiResource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", DeleteReturnsObject: true),
        "endpoint_slice",
        transport => new ResourceClient<V1EndpointSlice, V1EndpointSliceList>(transport, Descriptor!.Resource),
        EndpointSliceMapping.ToProto,
        static (_, _) => throw new NotSupportedException("KubeRpc does not write EndpointSlices"),
        static _ => null,
        ServiceEndpoints.Parser,
        []);
}
