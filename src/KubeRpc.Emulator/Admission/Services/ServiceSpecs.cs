using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// Constants and predicates over a Service spec, as <c>pkg/api/service/util.go</c> and the service registry define
/// them. Missing optional numbers (nodePort, healthCheckNodePort) count as Go's zero value.
/// </summary>
internal static class ServiceSpecs
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";
    public const string None = "None";
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";
    public const string SingleStack = "SingleStack";
    public const string PreferDualStack = "PreferDualStack";
    public const string RequireDualStack = "RequireDualStack";
    public const string Cluster = "Cluster";
    public const string Local = "Local";

    public static V1ServiceSpec Spec(this V1Service service) => service.Spec ??= new V1ServiceSpec();

    public static IList<V1ServicePort> PortList(this V1Service service) => service.Spec().Ports ?? [];

    public static int NodePortOf(this V1ServicePort port) => port.NodePort ?? 0;

    public static int HealthCheckNodePortOf(this V1Service service) => service.Spec().HealthCheckNodePort ?? 0;

    /// <summary><c>isHeadlessService</c>: exactly one clusterIP and it is "None".</summary>
    public static bool IsHeadless(V1Service service) =>
        service.Spec().ClusterIPs is { Count: 1 } ips && ips[0] == None;

    /// <summary><c>ExternallyAccessible</c>: LoadBalancer, NodePort, or ClusterIP with external IPs.</summary>
    public static bool ExternallyAccessible(V1Service service) =>
        service.Spec().Type is LoadBalancer or NodePort
        || (service.Spec().Type == ClusterIP && service.Spec().ExternalIPs is { Count: > 0 });

    /// <summary><c>NeedsHealthCheck</c>: a LoadBalancer that keeps traffic node-local.</summary>
    public static bool NeedsHealthCheck(V1Service service) =>
        service.Spec().Type == LoadBalancer && service.Spec().ExternalTrafficPolicy == Local;

    public static bool NeedsClusterIP(V1Service service) => service.Spec().Type != ExternalName;

    public static bool NeedsNodePort(V1Service service) => service.Spec().Type is NodePort or LoadBalancer;

    /// <summary><c>shouldAllocateNodePorts</c>: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false.</summary>
    public static bool ShouldAllocateNodePorts(V1Service service) => service.Spec().Type switch
    {
        NodePort => true,
        LoadBalancer => service.Spec().AllocateLoadBalancerNodePorts ?? true,
        _ => false,
    };

    /// <summary>The non-zero nodePorts of the ports, in order (<c>collectServiceNodePorts</c>).</summary>
    public static List<int> NodePorts(V1Service service) =>
        service.PortList().Select(p => p.NodePortOf()).Where(p => p != 0).ToList();

    public static bool SameStrings(IList<string>? a, IList<string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || b is null || a.SequenceEqual(b, StringComparer.Ordinal));

    /// <summary>A deep copy through the JSON form, so later edits never reach the original.</summary>
    public static V1Service Copy(V1Service service) =>
        KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(service));
}
