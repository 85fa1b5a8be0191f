using k8s.Models;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Server.Caching;

/// <summary>The projections of the kinds KubeRpc caches.</summary>
internal static class ResourceProjections
{
    private static readonly string?[] NoFields = [];

    public static ResourceProjection<Service, V1Service> Services { get; } = new(
        ServiceMapping.Kind,
        ServiceMapping.ToProto,
        SelectableFields.Service,
        // Same order as SelectableFields.Service.Names; a cluster IP is unique, a type is one of four.
        static (s, strings) => [s.Spec?.ClusterIP, s.Spec?.Type is { } type ? strings.Share(type) : null]);

    public static ResourceProjection<Ingress, V1Ingress> Ingresses { get; } = new(
        IngressMapping.Kind,
        IngressMapping.ToProto,
        SelectableFields.MetadataOnly,
        static (_, _) => NoFields);
}
