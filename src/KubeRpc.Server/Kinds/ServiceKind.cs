using k8s.Models;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Server.Kinds;

/// <summary>core/v1 Services.</summary>
internal static class ServiceKind
{
    public static ResourceKind<Service, V1Service> Descriptor { get; } = new(
        new ApiResource("", "v1", "services", ServiceMapping.Kind, DeleteReturnsObject: true),
        "service",
        transport => new ResourceClient<V1Service, V1ServiceList>(transport, Descriptor!.Resource),
        ServiceMapping.ToProto,
        ServiceMapping.ToKubernetes,
        static s => s.Metadata,
        Service.Parser,
        // kube-apiserver's ServiceToSelectableFields (pkg/registry/core/service).
        [
            new("spec.clusterIP", static s => s.Spec?.ClusterIP),
            new("spec.type", static s => s.Spec?.Type, Repeats: true),
        ]);
}
