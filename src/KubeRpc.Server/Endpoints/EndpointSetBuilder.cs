using System.Net;
using KubeRpc.Server.Caching;
using KubeRpc.V1;

namespace KubeRpc.Server.Endpoints;

/// <summary>
/// Joins a Service and its EndpointSlices into the <see cref="ServiceEndpoints"/> clients receive: the Service's
/// addressing, and every endpoint of its slices once, ordered by address.
/// </summary>
/// <remarks>
/// An endpoint can sit in two slices for a moment (the EndpointSlice controller moves it, or a second manager publishes
/// it): one entry per address and port set is kept, the most available one (ready, else serving), as kube-proxy keeps
/// one per address.
/// </remarks>
internal sealed class EndpointSetBuilder(string clusterDomain)
{
    public ServiceEndpoints Build(ObjectKey key, Service? service, IEnumerable<ServiceEndpoints> slices)
    {
        var set = new ServiceEndpoints
        {
            Namespace = key.Namespace,
            Name = key.Name,
            Exists = service is not null,
            DnsName = $"{key.Name}.{key.Namespace}.svc.{clusterDomain}",
        };
        if (service?.Spec is { } spec)
        {
            set.Type = spec.Type;
            set.Headless = spec.ClusterIp == "None";
            set.ClusterIps.AddRange(spec.ClusterIps.Where(ip => ip.Length > 0 && ip != "None"));
            if (set.ClusterIps.Count == 0 && spec.ClusterIp.Length > 0 && spec.ClusterIp != "None")
            {
                set.ClusterIps.Add(spec.ClusterIp);
            }
            set.ExternalName = spec.Type == ServiceType.ExternalName ? spec.ExternalName : "";
            foreach (var port in spec.Ports)
            {
                var mapped = new ServiceEndpointsPort { Name = port.Name, Port = port.Port, Protocol = port.Protocol };
                if (port.HasAppProtocol)
                {
                    mapped.AppProtocol = port.AppProtocol;
                }
                set.Ports.Add(mapped);
            }
        }
        var kept = new Dictionary<string, ServiceEndpoint>(StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            foreach (var endpoint in slice.Endpoints)
            {
                var identity = Identity(endpoint);
                if (!kept.TryGetValue(identity, out var other) || Availability(endpoint) > Availability(other))
                {
                    kept[identity] = endpoint;
                }
            }
        }
        var ordered = kept.Values.ToList();
        ordered.Sort(AddressOrder.Instance);
        foreach (var endpoint in ordered)
        {
            // The slices' messages were decoded for this set alone, so naming them in place is safe.
            endpoint.DnsName = set.Headless && endpoint.Hostname.Length > 0 ? $"{endpoint.Hostname}.{set.DnsName}" : "";
            set.Endpoints.Add(endpoint);
        }
        return set;
    }

    private static string Identity(ServiceEndpoint endpoint) =>
        string.Join('|', endpoint.Addresses) + "#" + string.Join(',', endpoint.Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));

    private static int Availability(ServiceEndpoint endpoint) => endpoint.Ready ? 2 : endpoint.Serving ? 1 : 0;

    /// <summary>By first address: IPs numerically (IPv4 before IPv6), then names; ties by ports.</summary>
    private sealed class AddressOrder : IComparer<ServiceEndpoint>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(ServiceEndpoint? x, ServiceEndpoint? y)
        {
            var a = x!.Addresses.FirstOrDefault() ?? "";
            var b = y!.Addresses.FirstOrDefault() ?? "";
            var byAddress = (IPAddress.TryParse(a, out var ipA), IPAddress.TryParse(b, out var ipB)) switch
            {
                (true, true) => CompareIps(ipA!, ipB!),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a, b),
            };
            return byAddress != 0 ? byAddress : string.CompareOrdinal(Identity(x), Identity(y));
        }

        private static int CompareIps(IPAddress a, IPAddress b)
        {
            if (a.AddressFamily != b.AddressFamily)
            {
                return a.AddressFamily.CompareTo(b.AddressFamily);
            }
            return a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());
        }
    }
}
