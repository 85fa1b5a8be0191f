using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// networking/v1 IngressBackend both ways: a Service by name with a port by name or number (number 0 is
/// unset), or a TypedLocalObjectReference whose <c>api_group</c> keeps its presence (unset is the core
/// group). Both halves are carried as given, so the API server judges a backend with neither or both.
/// </summary>
internal static class IngressBackendMapping
{
    public static V1IngressBackend? ToKubernetes(IngressBackend? backend) => backend is null ? null : new V1IngressBackend
    {
        Service = backend.Service is not { } service ? null : new V1IngressServiceBackend
        {
            Name = NullIfEmpty(service.Name),
            Port = service.Port is not { } port ? null : new V1ServiceBackendPort
            {
                Name = NullIfEmpty(port.Name),
                Number = NullIfZero(port.Number),
            },
        },
        Resource = backend.Resource is not { } resource ? null : new V1TypedLocalObjectReference
        {
            ApiGroup = resource.HasApiGroup ? resource.ApiGroup : null,
            Kind = NullIfEmpty(resource.Kind),
            Name = NullIfEmpty(resource.Name),
        },
    };

    public static IngressBackend? ToProto(V1IngressBackend? backend) => backend is null ? null : new IngressBackend
    {
        Service = backend.Service is not { } service ? null : new IngressServiceBackend
        {
            Name = service.Name ?? "",
            Port = service.Port is not { } port ? null : new ServiceBackendPort
            {
                Name = port.Name ?? "",
                Number = port.Number ?? 0,
            },
        },
        Resource = ToProto(backend.Resource),
    };

    private static TypedLocalObjectReference? ToProto(V1TypedLocalObjectReference? resource)
    {
        if (resource is null)
        {
            return null;
        }
        var proto = new TypedLocalObjectReference { Kind = resource.Kind ?? "", Name = resource.Name ?? "" };
        if (resource.ApiGroup is { } group)
        {
            proto.ApiGroup = group;
        }
        return proto;
    }
}
