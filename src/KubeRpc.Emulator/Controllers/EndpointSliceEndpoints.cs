using System.Globalization;
using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// What the EndpointSlice controller wants for one Service, computed from the stored Pods and Nodes alone: each
/// matching Pod with an IP becomes an endpoint, grouped by the ports its containers resolve the Service's targetPorts
/// to (a Pod lacking a named port lands in a group without that port, as kube-controller-manager groups them).
/// </summary>
internal static class EndpointSliceEndpoints
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The endpoints of <paramref name="service"/>, keyed by their port set (<see cref="PortKey"/>).</summary>
    public static Dictionary<string, PortGroup> Desired(V1Service service, IEnumerable<V1Pod> pods, Func<string, V1Node?> node)
    {
        var groups = new Dictionary<string, PortGroup>(StringComparer.Ordinal);
        foreach (var pod in pods.Where(p => Selects(service, p) && InEndpoints(p)).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var ports = Ports(service, pod);
            var key = PortKey(ports);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new PortGroup(ports, []);
            }
            group.Endpoints.Add(Endpoint(service, pod, node));
        }
        return groups;
    }

    /// <summary>Same namespace, every selector label equal (a Service selector is a plain map).</summary>
    private static bool Selects(V1Service service, V1Pod pod) =>
        pod.Metadata.NamespaceProperty == service.Metadata.NamespaceProperty
        && service.Spec!.Selector!.All(s => pod.Metadata.Labels is { } labels && labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>Pods with an IP that have not finished (terminating ones stay, marked terminating).</summary>
    private static bool InEndpoints(V1Pod pod) =>
        !string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private static List<Discoveryv1EndpointPort> Ports(V1Service service, V1Pod pod)
    {
        var ports = new List<Discoveryv1EndpointPort>();
        foreach (var servicePort in service.Spec!.Ports ?? [])
        {
            var protocol = servicePort.Protocol ?? "TCP";
            int? number = servicePort.TargetPort is { } target && IntOrStrings.IsString(target)
                ? (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? [])
                    .FirstOrDefault(p => p.Name == target.Value && (p.Protocol ?? "TCP") == protocol)?.ContainerPort
                : servicePort.TargetPort is { } numeric && IntOrStrings.IntValue(numeric) > 0 ? IntOrStrings.IntValue(numeric) : servicePort.Port;
            if (number is not null)
            {
                ports.Add(new Discoveryv1EndpointPort
                {
                    Name = servicePort.Name ?? "", Port = number, Protocol = protocol, AppProtocol = servicePort.AppProtocol,
                });
            }
        }
        return ports;
    }

    private static V1Endpoint Endpoint(V1Service service, V1Pod pod, Func<string, V1Node?> node)
    {
        var serving = (pod.Status?.Conditions ?? []).Any(c => c.Type == "Ready" && c.Status == "True");
        var terminating = pod.Metadata.DeletionTimestamp is not null;
        var nodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName;
        // kube sets the hostname only for a pod that names this Service as its subdomain (a headless Service's DNS).
        var hostname = !string.IsNullOrEmpty(pod.Spec?.Hostname) && pod.Spec.Subdomain == service.Metadata.Name ? pod.Spec.Hostname : null;
        return new V1Endpoint
        {
            Addresses = [pod.Status!.PodIP],
            Conditions = new V1EndpointConditions
            {
                Ready = service.Spec!.PublishNotReadyAddresses == true || (serving && !terminating),
                Serving = serving,
                Terminating = terminating,
            },
            Hostname = hostname,
            NodeName = nodeName,
            Zone = nodeName is not null && node(nodeName)?.Metadata.Labels is { } labels && labels.TryGetValue(ZoneLabel, out var zone) ? zone : null,
            TargetRef = new V1ObjectReference { Kind = "Pod", NamespaceProperty = pod.Metadata.NamespaceProperty, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid },
        };
    }

    /// <summary>A port set as text, for grouping and for matching stored slices.</summary>
    public static string PortKey(IEnumerable<Discoveryv1EndpointPort>? ports) => string.Join(";", (ports ?? [])
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}/{p.Port}/{p.Protocol}/{p.AppProtocol}")));

    /// <summary>The ports and endpoints of one port set.</summary>
    public sealed record PortGroup(List<Discoveryv1EndpointPort> Ports, List<V1Endpoint> Endpoints);
}
