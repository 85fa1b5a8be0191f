using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// A discovery/v1 EndpointSlice as the endpoint index keeps it: a <see cref="ServiceEndpoints"/> holding only its
/// namespace, the Service it belongs to (the <c>kubernetes.io/service-name</c> label; empty when it has none) and its
/// endpoints, each with the slice's address type and ports. Conditions are resolved as the EndpointSlice API defines
/// them: an unknown ready is ready, an unknown serving follows ready, an unknown terminating is not terminating.
/// </summary>
internal static class EndpointSliceMapping
{
    /// <summary>The label that names a slice's Service (discovery.k8s.io/v1 LabelServiceName).</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static ServiceEndpoints ToProto(V1EndpointSlice slice)
    {
        var proto = new ServiceEndpoints
        {
            Namespace = slice.Metadata?.NamespaceProperty ?? "",
            Name = slice.Metadata?.Labels is { } labels && labels.TryGetValue(ServiceNameLabel, out var service) ? service ?? "" : "",
        };
        var addressType = EnumMapping.ToAddressType(slice.AddressType);
        var ports = new List<EndpointPort>();
        foreach (var port in slice.Ports ?? [])
        {
            // A port without a number means "all ports" (for a selectorless Service): nothing a client can dial.
            if (port?.Port is { } number)
            {
                var mapped = new EndpointPort { Name = port.Name ?? "", Port = number, Protocol = EnumMapping.ToProtocol(port.Protocol ?? "TCP") };
                if (port.AppProtocol is { } appProtocol)
                {
                    mapped.AppProtocol = appProtocol;
                }
                ports.Add(mapped);
            }
        }
        foreach (var endpoint in slice.Endpoints ?? [])
        {
            if (endpoint is not null)
            {
                proto.Endpoints.Add(ToProto(endpoint, addressType, ports));
            }
        }
        return proto;
    }

    private static ServiceEndpoint ToProto(V1Endpoint endpoint, AddressType addressType, List<EndpointPort> ports)
    {
        var ready = endpoint.Conditions?.Ready ?? true;
        var proto = new ServiceEndpoint
        {
            AddressType = addressType,
            Ready = ready,
            Serving = endpoint.Conditions?.Serving ?? ready,
            Terminating = endpoint.Conditions?.Terminating ?? false,
            Hostname = endpoint.Hostname ?? "",
            NodeName = endpoint.NodeName ?? "",
            Zone = endpoint.Zone ?? "",
            TargetPod = endpoint.TargetRef is { Kind: "Pod" } pod
                ? new EndpointPod { Namespace = pod.NamespaceProperty ?? "", Name = pod.Name ?? "", Uid = pod.Uid ?? "" }
                : null,
        };
        AddAll(proto.Addresses, endpoint.Addresses);
        proto.Ports.AddRange(ports);
        return proto;
    }
}
