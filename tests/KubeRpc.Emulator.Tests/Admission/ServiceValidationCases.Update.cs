using k8s.Models;

namespace KubeRpc.Emulator.Tests.Admission;

public static partial class ServiceValidationCases
{
    /// <summary>Update-only rules: immutability and the metadata invariants of §3.</summary>
    public static IReadOnlyList<ServiceUpdateCase> Update { get; } =
    [
        new("clusterIP changed", s => s.Spec.ClusterIP = "10.96.0.10", s => s.Spec.ClusterIP = "10.96.0.11", "spec.clusterIPs[0]", Invalid,
            "Invalid value: []string{\"10.96.0.11\"}: may not change once set"),
        new("clusterIPs changed", s => s.Spec.ClusterIP = "10.96.0.10", s => { s.Spec.ClusterIP = "10.96.0.11"; s.Spec.ClusterIPs = ["10.96.0.11"]; }, "spec.clusterIPs[0]", Invalid,
            "Invalid value: []string{\"10.96.0.11\"}: may not change once set"),
        new("healthCheckNodePort changed", s => { s.Spec.Type = "LoadBalancer"; s.Spec.ExternalTrafficPolicy = "Local"; s.Spec.HealthCheckNodePort = 30100; },
            s => s.Spec.HealthCheckNodePort = 30101, "spec.healthCheckNodePort", Forbidden, "Forbidden: field is immutable"),
        new("loadBalancerClass changed", s => { s.Spec.Type = "LoadBalancer"; s.Spec.LoadBalancerClass = "example.com/a"; },
            s => s.Spec.LoadBalancerClass = "example.com/b", "spec.loadBalancerClass", Invalid, "Invalid value: \"example.com/b\": may not change once set"),
        new("uid changed", _ => { }, s => s.Metadata.Uid = "other", "metadata.uid", Invalid, "Invalid value: \"other\": field is immutable"),
        new("namespace changed", _ => { }, s => s.Metadata.NamespaceProperty = "other", "metadata.namespace", Invalid, "Invalid value: \"other\": field is immutable"),
        new("creationTimestamp changed", _ => { }, s => s.Metadata.CreationTimestamp = new DateTime(2026, 1, 2, 15, 4, 6, DateTimeKind.Utc), "metadata.creationTimestamp", Invalid,
            "Invalid value: 2026-01-02 15:04:06 +0000 UTC: field is immutable"),
        new("generation decremented", s => s.Metadata.Generation = 2, s => s.Metadata.Generation = 1, "metadata.generation", Invalid, "Invalid value: 1: must not be decremented"),
        new("nodePort taken by another Service", s => s.Spec.Type = "NodePort", s => s.Spec.Ports[0].NodePort = 30080, "spec.ports[0].nodePort", Invalid,
            "Invalid value: 30080: provided port is already allocated")
        {
            Existing = [WithNodePort("holder", 30080)],
        },
        new("port name invalid on update", _ => { }, s => s.Spec.Ports[0].Name = "HTTP", "spec.ports[0].name", Invalid, $"Invalid value: \"HTTP\": {Dns1123LabelMessage}"),
    ];

    /// <summary><c>/status</c> rules: <c>ValidateLoadBalancerStatus</c>.</summary>
    public static IReadOnlyList<ServiceUpdateCase> Status { get; } =
    [
        new("ingress on a ClusterIP Service", _ => { }, s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Ip = "1.2.3.4" }],
            "status.loadBalancer.ingress", Forbidden, "Forbidden: may only be used when `spec.type` is 'LoadBalancer'"),
        new("ingress ip invalid", s => s.Spec.Type = "LoadBalancer", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Ip = "bogus" }],
            "status.loadBalancer.ingress[0].ip", Invalid, $"Invalid value: \"bogus\": {BadIPMessage}"),
        new("ipMode without ip", s => s.Spec.Type = "LoadBalancer", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "lb.example.com", IpMode = "VIP" }],
            "status.loadBalancer.ingress[0].ipMode", Forbidden, "Forbidden: may not be specified when `ip` is not set"),
        new("ipMode unsupported", s => s.Spec.Type = "LoadBalancer", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Ip = "1.2.3.4", IpMode = "Direct" }],
            "status.loadBalancer.ingress[0].ipMode", NotSupported, "Unsupported value: \"Direct\": supported values: \"Proxy\", \"VIP\""),
        new("hostname is an IP", s => s.Spec.Type = "LoadBalancer", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "1.2.3.4" }],
            "status.loadBalancer.ingress[0].hostname", Invalid, "Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address"),
        new("hostname not a DNS subdomain", s => s.Spec.Type = "LoadBalancer", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "LB.example.com" }],
            "status.loadBalancer.ingress[0].hostname", Invalid, $"Invalid value: \"LB.example.com\": {Dns1123SubdomainMessage}"),
    ];
}
