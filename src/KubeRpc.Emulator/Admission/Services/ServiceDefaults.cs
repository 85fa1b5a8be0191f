using k8s.Models;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// <c>SetDefaults_Service</c> (k/k <c>pkg/apis/core/v1/defaults.go</c>, release-1.32), which kube-apiserver runs
/// while decoding every Service it is sent. IP families, policy and cluster IPs are not defaults: they are
/// filled in by allocation (<see cref="ServiceIpFamilies"/>, <see cref="ServiceAllocation"/>).
/// </summary>
internal static class ServiceDefaults
{
    /// <summary><c>v1.DefaultClientIPServiceAffinitySeconds</c>: three hours.</summary>
    public const int DefaultClientIPTimeoutSeconds = 10800;

    public static void Apply(V1Service service)
    {
        var spec = service.Spec();
        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            spec.SessionAffinity = "None";
        }
        if (spec.SessionAffinity == "None")
        {
            spec.SessionAffinityConfig = null;
        }
        if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new V1SessionAffinityConfig
            {
                ClientIP = new V1ClientIPConfig { TimeoutSeconds = DefaultClientIPTimeoutSeconds },
            };
        }
        if (string.IsNullOrEmpty(spec.Type))
        {
            spec.Type = ClusterIP;
        }
        foreach (var port in spec.Ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }
            // Go compares against FromInt32(0) and FromString(""): both mean "not given".
            if (port.TargetPort is null || port.TargetPort.Value is null or "" or "0")
            {
                port.TargetPort = port.Port;
            }
        }
        if (ExternallyAccessible(service) && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            spec.ExternalTrafficPolicy = Cluster;
        }
        if (spec.InternalTrafficPolicy is null && spec.Type is NodePort or LoadBalancer or ClusterIP)
        {
            spec.InternalTrafficPolicy = Cluster;
        }
        if (spec.Type == LoadBalancer)
        {
            spec.AllocateLoadBalancerNodePorts ??= true;
        }
        ApplyStatus(service, spec.Type);
    }

    /// <summary>The LoadBalancerIPMode part (GA in 1.32): an ingress IP of a LoadBalancer gets ipMode VIP.</summary>
    public static void ApplyStatus(V1Service service, string? type)
    {
        if (type != LoadBalancer)
        {
            return;
        }
        foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
        {
            if (!string.IsNullOrEmpty(ingress.Ip) && ingress.IpMode is null)
            {
                ingress.IpMode = "VIP";
            }
        }
    }
}
