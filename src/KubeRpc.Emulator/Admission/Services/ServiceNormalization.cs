using k8s.Models;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// How kube-apiserver reconciles a Service's linked fields before allocation and validation:
/// <c>normalizeClusterIPs</c> and <c>patchAllocatedValues</c> (<c>registry/core/service/storage/storage.go</c>) and
/// <c>dropTypeDependentFields</c> (<c>registry/core/service/strategy.go</c>).
/// </summary>
internal static class ServiceNormalization
{
    /// <summary>Keeps clusterIP and clusterIPs in step for clients that only know the singular field.</summary>
    public static void NormalizeClusterIPs(V1Service service, V1Service? old)
    {
        var spec = service.Spec();
        if (old is null)
        {
            if (!string.IsNullOrEmpty(spec.ClusterIP) && (spec.ClusterIPs?.Count ?? 0) == 0)
            {
                spec.ClusterIPs = [spec.ClusterIP];
            }
            return;
        }
        var oldSpec = old.Spec();
        if ((oldSpec.ClusterIPs?.Count ?? 0) > 0 && (spec.ClusterIPs?.Count ?? 0) == 0 && oldSpec.ClusterIP == spec.ClusterIP)
        {
            // An old client patched something else and sent no clusterIPs.
            spec.ClusterIPs = [.. oldSpec.ClusterIPs!];
        }
        if ((oldSpec.ClusterIP ?? "") != (spec.ClusterIP ?? ""))
        {
            if (!string.IsNullOrEmpty(oldSpec.ClusterIP) && string.IsNullOrEmpty(spec.ClusterIP))
            {
                if (SameStrings(oldSpec.ClusterIPs, spec.ClusterIPs))
                {
                    spec.ClusterIPs = null;
                }
            }
            else if (SameStrings(oldSpec.ClusterIPs, spec.ClusterIPs))
            {
                spec.ClusterIPs = [spec.ClusterIP ?? ""];
            }
        }
    }

    /// <summary>Refills values we allocated earlier that a resubmitted manifest leaves out, so a re-apply succeeds.</summary>
    public static void PatchAllocatedValues(V1Service service, V1Service old)
    {
        var spec = service.Spec();
        var oldSpec = old.Spec();
        if (NeedsClusterIP(old) && NeedsClusterIP(service))
        {
            if (string.IsNullOrEmpty(spec.ClusterIP))
            {
                spec.ClusterIP = oldSpec.ClusterIP;
            }
            if ((spec.ClusterIPs?.Count ?? 0) == 0 && (oldSpec.ClusterIPs?.Count ?? 0) > 0)
            {
                spec.ClusterIPs = [.. oldSpec.ClusterIPs!];
            }
        }
        if (NeedsNodePort(old) && NeedsNodePort(service))
        {
            // Ports both versions use cannot be patched into another port.
            var used = NodePorts(old).Intersect(NodePorts(service)).ToHashSet();
            var byName = new Dictionary<string, int>();
            foreach (var port in old.PortList())
            {
                byName[port.Name ?? ""] = port.NodePortOf();
            }
            foreach (var port in service.PortList())
            {
                if (port.NodePortOf() == 0 && byName.TryGetValue(port.Name ?? "", out var previous) && previous != 0 && !used.Contains(previous))
                {
                    port.NodePort = previous;
                }
            }
        }
        if (NeedsHealthCheck(old) && NeedsHealthCheck(service) && service.HealthCheckNodePortOf() == 0)
        {
            spec.HealthCheckNodePort = oldSpec.HealthCheckNodePort;
        }
    }

    /// <summary>
    /// On a type change, clears allocated or defaulted fields the new type does not use, but only those the user
    /// left as they were (a changed value is the user's and goes to validation).
    /// </summary>
    public static void DropTypeDependentFields(V1Service service, V1Service old)
    {
        var spec = service.Spec();
        var oldSpec = old.Spec();
        if (NeedsClusterIP(old) && !NeedsClusterIP(service))
        {
            if (oldSpec.ClusterIP == spec.ClusterIP && SameStrings(oldSpec.ClusterIPs, spec.ClusterIPs))
            {
                spec.ClusterIP = null;
                spec.ClusterIPs = null;
            }
            if (SameStrings(oldSpec.IpFamilies, spec.IpFamilies))
            {
                spec.IpFamilies = null;
            }
            if ((oldSpec.IpFamilyPolicy ?? "") == (spec.IpFamilyPolicy ?? ""))
            {
                spec.IpFamilyPolicy = null;
            }
        }
        if (NeedsNodePort(old) && !NeedsNodePort(service) && NodePorts(service).All(NodePorts(old).Contains))
        {
            foreach (var port in service.PortList())
            {
                port.NodePort = null;
            }
        }
        if (NeedsHealthCheck(old) && !NeedsHealthCheck(service) && old.HealthCheckNodePortOf() == service.HealthCheckNodePortOf())
        {
            spec.HealthCheckNodePort = null;
        }
        if (oldSpec.Type == LoadBalancer && spec.Type != LoadBalancer
            && spec.AllocateLoadBalancerNodePorts is { } allocate && oldSpec.AllocateLoadBalancerNodePorts == allocate)
        {
            spec.AllocateLoadBalancerNodePorts = null;
        }
        if (oldSpec.Type == LoadBalancer && spec.Type != LoadBalancer && oldSpec.LoadBalancerClass == spec.LoadBalancerClass)
        {
            spec.LoadBalancerClass = null;
        }
        if (NeedsNodePort(old) && !NeedsNodePort(service) && oldSpec.ExternalTrafficPolicy == spec.ExternalTrafficPolicy)
        {
            spec.ExternalTrafficPolicy = null;
        }
        if (spec.Type != LoadBalancer && service.Status is not null)
        {
            // LB de-provisioning is asynchronous in a real cluster; the API hides that.
            service.Status.LoadBalancer = new V1LoadBalancerStatus();
        }
    }
}
