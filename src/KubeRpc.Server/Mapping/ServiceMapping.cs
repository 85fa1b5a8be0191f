using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// A core/v1 Service and its spec both ways. Towards Kubernetes, empty values become absent fields except
/// where Kubernetes tells them apart (<c>cluster_ip</c> "None" is a value; <c>optional</c> fields keep their
/// presence), and an undefined enum number throws <see cref="MappingException"/>. Towards proto, unknown
/// enum strings become <c>_UNSPECIFIED</c>.
/// </summary>
internal static class ServiceMapping
{
    public const string ApiVersion = "v1";
    public const string Kind = "Service";

    /// <param name="service">The proto Service.</param>
    /// <param name="field">Its proto field path, for errors: the request field, <c>service</c>.</param>
    public static V1Service ToKubernetes(Service service, string field = "service")
    {
        ArgumentNullException.ThrowIfNull(service);
        return new V1Service
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Metadata = ObjectMetaMapping.ToKubernetes(service.Metadata, field + ".metadata"),
            Spec = service.Spec is null ? null : ToKubernetes(service.Spec, field + ".spec"),
            Status = service.Status is null ? null : ServiceStatusMapping.ToKubernetes(service.Status, field + ".status"),
        };
    }

    public static Service ToProto(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new Service
        {
            Metadata = ObjectMetaMapping.ToProto(service.Metadata),
            Spec = service.Spec is null ? null : ToProto(service.Spec),
            Status = service.Status is null ? null : ServiceStatusMapping.ToProto(service.Status),
        };
    }

    public static V1ServiceSpec ToKubernetes(ServiceSpec spec, string field) => new()
    {
        Ports = ListOrNull(spec.Ports, (p, i) => ToKubernetes(p, $"{field}.ports[{i}]")),
        Selector = MapOrNull(spec.Selector),
        ClusterIP = NullIfEmpty(spec.ClusterIp),
        ClusterIPs = ListOrNull(spec.ClusterIps),
        Type = EnumMapping.ToKubernetes(spec.Type, field + ".type"),
        ExternalIPs = ListOrNull(spec.ExternalIps),
        SessionAffinity = EnumMapping.ToKubernetes(spec.SessionAffinity, field + ".session_affinity"),
        LoadBalancerIP = NullIfEmpty(spec.LoadBalancerIp),
        LoadBalancerSourceRanges = ListOrNull(spec.LoadBalancerSourceRanges),
        ExternalName = NullIfEmpty(spec.ExternalName),
        ExternalTrafficPolicy = EnumMapping.ToKubernetes(spec.ExternalTrafficPolicy, field + ".external_traffic_policy"),
        HealthCheckNodePort = NullIfZero(spec.HealthCheckNodePort),
        PublishNotReadyAddresses = NullIfFalse(spec.PublishNotReadyAddresses),
        SessionAffinityConfig = spec.SessionAffinityConfig is { } affinity
            ? new V1SessionAffinityConfig { ClientIP = ToKubernetes(affinity.ClientIp) }
            : null,
        IpFamilies = EnumMapping.ToKubernetes(spec.IpFamilies, field + ".ip_families"),
        IpFamilyPolicy = EnumMapping.ToKubernetes(spec.IpFamilyPolicy, field + ".ip_family_policy"),
        AllocateLoadBalancerNodePorts = spec.HasAllocateLoadBalancerNodePorts ? spec.AllocateLoadBalancerNodePorts : null,
        LoadBalancerClass = spec.HasLoadBalancerClass ? spec.LoadBalancerClass : null,
        InternalTrafficPolicy = EnumMapping.ToKubernetes(spec.InternalTrafficPolicy, field + ".internal_traffic_policy"),
        TrafficDistribution = spec.HasTrafficDistribution ? spec.TrafficDistribution : null,
    };

    public static ServiceSpec ToProto(V1ServiceSpec spec)
    {
        var proto = new ServiceSpec
        {
            ClusterIp = spec.ClusterIP ?? "",
            Type = EnumMapping.ToServiceType(spec.Type),
            SessionAffinity = EnumMapping.ToSessionAffinity(spec.SessionAffinity),
            LoadBalancerIp = spec.LoadBalancerIP ?? "",
            ExternalName = spec.ExternalName ?? "",
            ExternalTrafficPolicy = EnumMapping.ToExternalTrafficPolicy(spec.ExternalTrafficPolicy),
            HealthCheckNodePort = spec.HealthCheckNodePort ?? 0,
            PublishNotReadyAddresses = spec.PublishNotReadyAddresses ?? false,
            SessionAffinityConfig = spec.SessionAffinityConfig is { } affinity
                ? new SessionAffinityConfig { ClientIp = ToProto(affinity.ClientIP) }
                : null,
            IpFamilyPolicy = EnumMapping.ToIPFamilyPolicy(spec.IpFamilyPolicy),
            InternalTrafficPolicy = EnumMapping.ToInternalTrafficPolicy(spec.InternalTrafficPolicy),
        };
        AddAll(proto.Ports, spec.Ports, p => p is null ? new ServicePort() : ToProto(p));
        AddAll(proto.Selector, spec.Selector);
        AddAll(proto.ClusterIps, spec.ClusterIPs);
        AddAll(proto.ExternalIps, spec.ExternalIPs);
        AddAll(proto.LoadBalancerSourceRanges, spec.LoadBalancerSourceRanges);
        AddAll(proto.IpFamilies, spec.IpFamilies, EnumMapping.ToIPFamily);
        if (spec.AllocateLoadBalancerNodePorts is { } allocate)
        {
            proto.AllocateLoadBalancerNodePorts = allocate;
        }
        if (spec.LoadBalancerClass is { } loadBalancerClass)
        {
            proto.LoadBalancerClass = loadBalancerClass;
        }
        if (spec.TrafficDistribution is { } distribution)
        {
            proto.TrafficDistribution = distribution;
        }
        return proto;
    }

    public static V1ServicePort ToKubernetes(ServicePort port, string field) => new()
    {
        Name = NullIfEmpty(port.Name),
        Protocol = EnumMapping.ToKubernetes(port.Protocol, field + ".protocol"),
        AppProtocol = port.HasAppProtocol ? port.AppProtocol : null,
        Port = port.Port,
        TargetPort = ValueMapping.ToKubernetes(port.TargetPort),
        NodePort = NullIfZero(port.NodePort),
    };

    public static ServicePort ToProto(V1ServicePort port)
    {
        var proto = new ServicePort
        {
            Name = port.Name ?? "",
            Protocol = EnumMapping.ToProtocol(port.Protocol),
            Port = port.Port,
            TargetPort = ValueMapping.ToProto(port.TargetPort),
            NodePort = port.NodePort ?? 0,
        };
        if (port.AppProtocol is { } appProtocol)
        {
            proto.AppProtocol = appProtocol;
        }
        return proto;
    }

    private static V1ClientIPConfig? ToKubernetes(ClientIPConfig? config) => config is null ? null : new V1ClientIPConfig
    {
        TimeoutSeconds = config.HasTimeoutSeconds ? config.TimeoutSeconds : null,
    };

    private static ClientIPConfig? ToProto(V1ClientIPConfig? config)
    {
        if (config is null)
        {
            return null;
        }
        var proto = new ClientIPConfig();
        if (config.TimeoutSeconds is { } timeout)
        {
            proto.TimeoutSeconds = timeout;
        }
        return proto;
    }
}
