using k8s.Models;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Server.Caching;

/// <summary>The projections of the kinds KubeRpc caches.</summary>
internal static class ResourceProjections
{
    public static ResourceProjection<Service, V1Service> Services { get; } = new(
        ServiceMapping.Kind,
        ServiceMapping.ToProto,
        s => s.Metadata?.Labels,
        SelectableFields.Service,
        // Same order as SelectableFields.Service.Names.
        s => [s.Spec?.ClusterIP, s.Spec?.Type]);

    public static ResourceProjection<Ingress, V1Ingress> Ingresses { get; } = new(
        IngressMapping.Kind,
        IngressMapping.ToProto,
        i => i.Metadata?.Labels,
        SelectableFields.MetadataOnly,
        _ => []);
}
