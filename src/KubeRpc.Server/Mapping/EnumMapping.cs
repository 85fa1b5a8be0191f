using Google.Protobuf.Collections;
using KubeRpc.V1;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// Every proto enum of the contract and its Kubernetes strings (core/v1 and networking/v1 constants). The
/// <c>_UNSPECIFIED</c> value is the absent field (null); an undefined number throws
/// <see cref="MappingException"/> naming the field; an unknown Kubernetes string maps to <c>_UNSPECIFIED</c>.
/// </summary>
internal static class EnumMapping
{
    private static readonly EnumTable<ServiceType> ServiceTypes = new(
        (ServiceType.ClusterIp, "ClusterIP"),
        (ServiceType.NodePort, "NodePort"),
        (ServiceType.LoadBalancer, "LoadBalancer"),
        (ServiceType.ExternalName, "ExternalName"));

    private static readonly EnumTable<SessionAffinity> SessionAffinities = new(
        (SessionAffinity.None, "None"),
        (SessionAffinity.ClientIp, "ClientIP"));

    private static readonly EnumTable<ExternalTrafficPolicy> ExternalTrafficPolicies = new(
        (ExternalTrafficPolicy.Cluster, "Cluster"),
        (ExternalTrafficPolicy.Local, "Local"));

    private static readonly EnumTable<InternalTrafficPolicy> InternalTrafficPolicies = new(
        (InternalTrafficPolicy.Cluster, "Cluster"),
        (InternalTrafficPolicy.Local, "Local"));

    private static readonly EnumTable<IPFamily> IPFamilies = new(
        (IPFamily.Ipv4, "IPv4"),
        (IPFamily.Ipv6, "IPv6"));

    private static readonly EnumTable<IPFamilyPolicy> IPFamilyPolicies = new(
        (IPFamilyPolicy.SingleStack, "SingleStack"),
        (IPFamilyPolicy.PreferDualStack, "PreferDualStack"),
        (IPFamilyPolicy.RequireDualStack, "RequireDualStack"));

    private static readonly EnumTable<Protocol> Protocols = new(
        (Protocol.Tcp, "TCP"),
        (Protocol.Udp, "UDP"),
        (Protocol.Sctp, "SCTP"));

    private static readonly EnumTable<LoadBalancerIPMode> IPModes = new(
        (LoadBalancerIPMode.Vip, "VIP"),
        (LoadBalancerIPMode.Proxy, "Proxy"));

    private static readonly EnumTable<ConditionStatus> ConditionStatuses = new(
        (ConditionStatus.True, "True"),
        (ConditionStatus.False, "False"),
        (ConditionStatus.Unknown, "Unknown"));

    private static readonly EnumTable<PathType> PathTypes = new(
        (PathType.Exact, "Exact"),
        (PathType.Prefix, "Prefix"),
        (PathType.ImplementationSpecific, "ImplementationSpecific"));

    private static readonly EnumTable<AddressType> AddressTypes = new(
        (AddressType.Ipv4, "IPv4"),
        (AddressType.Ipv6, "IPv6"),
        (AddressType.Fqdn, "FQDN"));

    public static string? ToKubernetes(ServiceType value, string field) => ServiceTypes.ToKubernetes(value, field);

    public static string? ToKubernetes(SessionAffinity value, string field) => SessionAffinities.ToKubernetes(value, field);

    public static string? ToKubernetes(ExternalTrafficPolicy value, string field) => ExternalTrafficPolicies.ToKubernetes(value, field);

    public static string? ToKubernetes(InternalTrafficPolicy value, string field) => InternalTrafficPolicies.ToKubernetes(value, field);

    public static string? ToKubernetes(IPFamily value, string field) => IPFamilies.ToKubernetes(value, field);

    public static string? ToKubernetes(IPFamilyPolicy value, string field) => IPFamilyPolicies.ToKubernetes(value, field);

    public static string? ToKubernetes(Protocol value, string field) => Protocols.ToKubernetes(value, field);

    public static string? ToKubernetes(LoadBalancerIPMode value, string field) => IPModes.ToKubernetes(value, field);

    public static string? ToKubernetes(ConditionStatus value, string field) => ConditionStatuses.ToKubernetes(value, field);

    public static string? ToKubernetes(PathType value, string field) => PathTypes.ToKubernetes(value, field);

    public static ServiceType ToServiceType(string? value) => ServiceTypes.ToProto(value);

    public static SessionAffinity ToSessionAffinity(string? value) => SessionAffinities.ToProto(value);

    public static ExternalTrafficPolicy ToExternalTrafficPolicy(string? value) => ExternalTrafficPolicies.ToProto(value);

    public static InternalTrafficPolicy ToInternalTrafficPolicy(string? value) => InternalTrafficPolicies.ToProto(value);

    public static IPFamily ToIPFamily(string? value) => IPFamilies.ToProto(value);

    public static IPFamilyPolicy ToIPFamilyPolicy(string? value) => IPFamilyPolicies.ToProto(value);

    public static Protocol ToProtocol(string? value) => Protocols.ToProto(value);

    public static AddressType ToAddressType(string? value) => AddressTypes.ToProto(value);

    public static LoadBalancerIPMode ToIPMode(string? value) => IPModes.ToProto(value);

    public static ConditionStatus ToConditionStatus(string? value) => ConditionStatuses.ToProto(value);

    public static PathType ToPathType(string? value) => PathTypes.ToProto(value);

    /// <summary>
    /// A repeated enum (ip_families) as a Kubernetes list, null when empty. An <c>_UNSPECIFIED</c> element
    /// has no Kubernetes string; it is sent as "" so that the API server, not KubeRpc, rejects it.
    /// </summary>
    public static List<string>? ToKubernetes(RepeatedField<IPFamily> values, string field) =>
        ValueMapping.ListOrNull(values, (v, i) => IPFamilies.ToKubernetes(v, $"{field}[{i}]") ?? "");
}
