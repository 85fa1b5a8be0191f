using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>Each proto enum value against its Kubernetes string, both ways.</summary>
public sealed class EnumMappingTests
{
    [Theory]
    [InlineData(ServiceType.Unspecified, null)]
    [InlineData(ServiceType.ClusterIp, "ClusterIP")]
    [InlineData(ServiceType.NodePort, "NodePort")]
    [InlineData(ServiceType.LoadBalancer, "LoadBalancer")]
    [InlineData(ServiceType.ExternalName, "ExternalName")]
    public void ServiceType_BothWays_Match(ServiceType value, string? kubernetes)
    {
        Assert.Equal(kubernetes, EnumMapping.ToKubernetes(value, "f"));
        Assert.Equal(value, EnumMapping.ToServiceType(kubernetes));
    }

    [Theory]
    [InlineData(Protocol.Unspecified, null)]
    [InlineData(Protocol.Tcp, "TCP")]
    [InlineData(Protocol.Udp, "UDP")]
    [InlineData(Protocol.Sctp, "SCTP")]
    public void Protocol_BothWays_Match(Protocol value, string? kubernetes)
    {
        Assert.Equal(kubernetes, EnumMapping.ToKubernetes(value, "f"));
        Assert.Equal(value, EnumMapping.ToProtocol(kubernetes));
    }

    [Theory]
    [InlineData(PathType.Unspecified, null)]
    [InlineData(PathType.Exact, "Exact")]
    [InlineData(PathType.Prefix, "Prefix")]
    [InlineData(PathType.ImplementationSpecific, "ImplementationSpecific")]
    public void PathType_BothWays_Match(PathType value, string? kubernetes)
    {
        Assert.Equal(kubernetes, EnumMapping.ToKubernetes(value, "f"));
        Assert.Equal(value, EnumMapping.ToPathType(kubernetes));
    }

    [Fact]
    public void OtherEnums_BothWays_Match()
    {
        Assert.Equal("None", EnumMapping.ToKubernetes(SessionAffinity.None, "f"));
        Assert.Equal("ClientIP", EnumMapping.ToKubernetes(SessionAffinity.ClientIp, "f"));
        Assert.Equal("Cluster", EnumMapping.ToKubernetes(ExternalTrafficPolicy.Cluster, "f"));
        Assert.Equal("Local", EnumMapping.ToKubernetes(InternalTrafficPolicy.Local, "f"));
        Assert.Equal("IPv4", EnumMapping.ToKubernetes(IPFamily.Ipv4, "f"));
        Assert.Equal("SingleStack", EnumMapping.ToKubernetes(IPFamilyPolicy.SingleStack, "f"));
        Assert.Equal("RequireDualStack", EnumMapping.ToKubernetes(IPFamilyPolicy.RequireDualStack, "f"));
        Assert.Equal("VIP", EnumMapping.ToKubernetes(LoadBalancerIPMode.Vip, "f"));
        Assert.Equal("Proxy", EnumMapping.ToKubernetes(LoadBalancerIPMode.Proxy, "f"));
        Assert.Equal("True", EnumMapping.ToKubernetes(ConditionStatus.True, "f"));
        Assert.Equal("Unknown", EnumMapping.ToKubernetes(ConditionStatus.Unknown, "f"));
        Assert.Equal(SessionAffinity.ClientIp, EnumMapping.ToSessionAffinity("ClientIP"));
        Assert.Equal(ExternalTrafficPolicy.Local, EnumMapping.ToExternalTrafficPolicy("Local"));
        Assert.Equal(InternalTrafficPolicy.Cluster, EnumMapping.ToInternalTrafficPolicy("Cluster"));
        Assert.Equal(IPFamily.Ipv6, EnumMapping.ToIPFamily("IPv6"));
        Assert.Equal(IPFamilyPolicy.PreferDualStack, EnumMapping.ToIPFamilyPolicy("PreferDualStack"));
        Assert.Equal(LoadBalancerIPMode.Proxy, EnumMapping.ToIPMode("Proxy"));
        Assert.Equal(ConditionStatus.False, EnumMapping.ToConditionStatus("False"));
    }

    [Theory]
    [InlineData("ClusterIp")] // Kubernetes values are case-sensitive.
    [InlineData("Gateway")] // a value from a newer Kubernetes
    [InlineData("")]
    public void ToProto_UnknownString_IsUnspecified(string kubernetes)
    {
        Assert.Equal(ServiceType.Unspecified, EnumMapping.ToServiceType(kubernetes));
        Assert.Equal(Protocol.Unspecified, EnumMapping.ToProtocol(kubernetes));
        Assert.Equal(PathType.Unspecified, EnumMapping.ToPathType(kubernetes));
    }

    [Fact]
    public void ToProto_UnknownStringsInService_AreUnspecifiedWithoutThrowing()
    {
        var service = ServiceMapping.ToKubernetes(ProtoSamples.Service(ServiceType.NodePort));
        service.Spec.Type = "Gateway";
        service.Spec.IpFamilies = ["IPv4", "IPv7"];
        service.Spec.Ports[0].Protocol = "QUIC";

        var proto = ServiceMapping.ToProto(service);

        Assert.Equal(ServiceType.Unspecified, proto.Spec.Type);
        Assert.Equal([IPFamily.Ipv4, IPFamily.Unspecified], proto.Spec.IpFamilies);
        Assert.Equal(Protocol.Unspecified, proto.Spec.Ports[0].Protocol);
        Assert.Equal(Protocol.Udp, proto.Spec.Ports[1].Protocol);
    }
}
