using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>networking/v1 IngressStatus both ways: the load balancer's ingress points and their port states.</summary>
internal static class IngressStatusMapping
{
    public static V1IngressStatus ToKubernetes(IngressStatus status, string field) => new()
    {
        LoadBalancer = status.LoadBalancer is not { } lb ? null : new V1IngressLoadBalancerStatus
        {
            Ingress = ListOrNull(lb.Ingress, (ingress, i) => ToKubernetes(ingress, $"{field}.load_balancer.ingress[{i}]")),
        },
    };

    public static IngressStatus ToProto(V1IngressStatus status)
    {
        var proto = new IngressStatus();
        if (status.LoadBalancer is { } lb)
        {
            proto.LoadBalancer = new IngressLoadBalancerStatus();
            AddAll(proto.LoadBalancer.Ingress, lb.Ingress, i => i is null ? new IngressLoadBalancerIngress() : ToProto(i));
        }
        return proto;
    }

    public static V1IngressLoadBalancerIngress ToKubernetes(IngressLoadBalancerIngress ingress, string field) => new()
    {
        Ip = NullIfEmpty(ingress.Ip),
        Hostname = NullIfEmpty(ingress.Hostname),
        Ports = ListOrNull(ingress.Ports, (port, i) => new V1IngressPortStatus
        {
            Port = port.Port,
            Protocol = EnumMapping.ToKubernetes(port.Protocol, $"{field}.ports[{i}].protocol"),
            Error = port.HasError ? port.Error : null,
        }),
    };

    public static IngressLoadBalancerIngress ToProto(V1IngressLoadBalancerIngress ingress)
    {
        var proto = new IngressLoadBalancerIngress { Ip = ingress.Ip ?? "", Hostname = ingress.Hostname ?? "" };
        AddAll(proto.Ports, ingress.Ports, port =>
        {
            var protoPort = new IngressPortStatus
            {
                Port = port?.Port ?? 0,
                Protocol = EnumMapping.ToProtocol(port?.Protocol),
            };
            if (port?.Error is { } error)
            {
                protoPort.Error = error;
            }
            return protoPort;
        });
        return proto;
    }
}
