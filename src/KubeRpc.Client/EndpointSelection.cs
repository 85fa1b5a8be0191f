using Grpc.Net.Client.Balancer;
using KubeRpc.V1;

namespace KubeRpc.Client;

/// <summary>
/// Which of a Service's endpoints a channel's load balancer gets: the ready ones; when none is ready, the serving ones
/// that are not terminating (as the contract asks of a balancing client); each at its first address and its port of the
/// target's port name.
/// </summary>
public static class EndpointSelection
{
    /// <summary>The addresses for <paramref name="target"/> in <paramref name="set"/>, or why there are none.</summary>
    public static EndpointChoice Choose(ServiceEndpoints set, KubeRpcTarget target)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(target);
        var service = $"Service {target.Namespace}/{target.Service}";
        if (!set.Exists && set.Endpoints.Count == 0)
        {
            return EndpointChoice.None($"{service} does not exist");
        }
        if (PortName(set, target, service, out var why) is not { } portName)
        {
            return EndpointChoice.None(why!);
        }

        var candidates = set.Endpoints
            .Where(e => e.Addresses.Count > 0)
            .Select(e => (Endpoint: e, Port: e.Ports.FirstOrDefault(p => p.Name == portName)))
            .Where(c => c.Port is not null)
            .ToList();
        var ready = candidates.Where(c => c.Endpoint.Ready).ToList();
        var chosen = ready.Count > 0 ? ready : candidates.Where(c => c.Endpoint.Serving && !c.Endpoint.Terminating).ToList();
        if (chosen.Count == 0)
        {
            var port = portName.Length == 0 ? "its port" : $"port \"{portName}\"";
            return EndpointChoice.None(candidates.Count == 0
                ? $"{service} has no endpoints for {port}"
                : $"{service} has {candidates.Count} endpoint(s) for {port}, none ready or serving (and not terminating)");
        }
        return EndpointChoice.Of(chosen.Select(c => new BalancerAddress(c.Endpoint.Addresses[0], c.Port!.Port)).ToList(), ready.Count == 0);
    }

    /// <summary>The name every endpoint's port has for the target's port (empty for a Service's only, unnamed port).</summary>
    private static string? PortName(ServiceEndpoints set, KubeRpcTarget target, string service, out string? why)
    {
        why = null;
        if (target.PortName is { } name)
        {
            if (set.Exists && !set.Ports.Any(p => p.Name == name))
            {
                why = $"{service} has no port named \"{name}\" ({Ports(set)})";
                return null;
            }
            return name;
        }
        if (!set.Exists)
        {
            why = target.PortNumber is { } missing
                ? $"{service} does not exist, so its port {missing} has no name to look for on the endpoints; name the port in the target"
                : $"{service} does not exist, so it has no only port; name the port in the target";
            return null;
        }
        if (target.PortNumber is { } number)
        {
            if (set.Ports.FirstOrDefault(p => p.Port == number) is { } byNumber)
            {
                return byNumber.Name;
            }
            why = $"{service} has no port {number} ({Ports(set)})";
            return null;
        }
        if (set.Ports.Count == 1)
        {
            return set.Ports[0].Name;
        }
        why = set.Ports.Count == 0
            ? $"{service} has no ports"
            : $"{service} has {set.Ports.Count} ports ({Ports(set)}): name one, as in {target}:{set.Ports[0].Name}";
        return null;
    }

    private static string Ports(ServiceEndpoints set) =>
        set.Ports.Count == 0 ? "it has none" : "its ports: " + string.Join(", ", set.Ports.Select(p => $"{(p.Name.Length == 0 ? "(unnamed)" : p.Name)} {p.Port}"));
}
