using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// A core/v1 ServiceStatus both ways: the load balancer's ingress points (IP mode, port states) and the
/// meta/v1 conditions.
/// </summary>
internal static class ServiceStatusMapping
{
    public static V1ServiceStatus ToKubernetes(ServiceStatus status, string field) => new()
    {
        LoadBalancer = status.LoadBalancer is { } lb ? ToKubernetes(lb, field + ".load_balancer") : null,
        Conditions = ListOrNull(status.Conditions, (c, i) => ToKubernetes(c, $"{field}.conditions[{i}]")),
    };

    public static ServiceStatus ToProto(V1ServiceStatus status)
    {
        var proto = new ServiceStatus
        {
            LoadBalancer = status.LoadBalancer is { } lb ? ToProto(lb) : null,
        };
        AddAll(proto.Conditions, status.Conditions, c => c is null ? new Condition() : ToProto(c));
        return proto;
    }

    public static V1LoadBalancerStatus ToKubernetes(LoadBalancerStatus status, string field) => new()
    {
        Ingress = ListOrNull(status.Ingress, (ingress, i) => ToKubernetes(ingress, $"{field}.ingress[{i}]")),
    };

    public static LoadBalancerStatus ToProto(V1LoadBalancerStatus status)
    {
        var proto = new LoadBalancerStatus();
        AddAll(proto.Ingress, status.Ingress, i => i is null ? new LoadBalancerIngress() : ToProto(i));
        return proto;
    }

    public static V1LoadBalancerIngress ToKubernetes(LoadBalancerIngress ingress, string field) => new()
    {
        Ip = NullIfEmpty(ingress.Ip),
        Hostname = NullIfEmpty(ingress.Hostname),
        IpMode = EnumMapping.ToKubernetes(ingress.IpMode, field + ".ip_mode"),
        Ports = ListOrNull(ingress.Ports, (p, i) => ToKubernetes(p, $"{field}.ports[{i}]")),
    };

    public static LoadBalancerIngress ToProto(V1LoadBalancerIngress ingress)
    {
        var proto = new LoadBalancerIngress
        {
            Ip = ingress.Ip ?? "",
            Hostname = ingress.Hostname ?? "",
            IpMode = EnumMapping.ToIPMode(ingress.IpMode),
        };
        AddAll(proto.Ports, ingress.Ports, p => p is null ? new PortStatus() : ToProto(p));
        return proto;
    }

    public static V1PortStatus ToKubernetes(PortStatus port, string field) => new()
    {
        Port = port.Port,
        Protocol = EnumMapping.ToKubernetes(port.Protocol, field + ".protocol"),
        Error = port.HasError ? port.Error : null,
    };

    public static PortStatus ToProto(V1PortStatus port)
    {
        var proto = new PortStatus { Port = port.Port, Protocol = EnumMapping.ToProtocol(port.Protocol) };
        if (port.Error is { } error)
        {
            proto.Error = error;
        }
        return proto;
    }

    /// <summary>
    /// lastTransitionTime is a required, non-nullable DateTime in KubernetesClient: an unset timestamp is
    /// <c>default(DateTime)</c>, which the API server reads as the zero time, and maps back to unset.
    /// </summary>
    public static V1Condition ToKubernetes(Condition condition, string field) => new()
    {
        Type = NullIfEmpty(condition.Type),
        Status = EnumMapping.ToKubernetes(condition.Status, field + ".status"),
        ObservedGeneration = NullIfZero(condition.ObservedGeneration),
        LastTransitionTime = ToDateTime(condition.LastTransitionTime, field + ".last_transition_time") ?? default,
        Reason = NullIfEmpty(condition.Reason),
        Message = NullIfEmpty(condition.Message),
    };

    public static Condition ToProto(V1Condition condition) => new()
    {
        Type = condition.Type ?? "",
        Status = EnumMapping.ToConditionStatus(condition.Status),
        ObservedGeneration = condition.ObservedGeneration ?? 0,
        LastTransitionTime = condition.LastTransitionTime == default ? null : ToTimestamp(condition.LastTransitionTime),
        Reason = condition.Reason ?? "",
        Message = condition.Message ?? "",
    };
}
