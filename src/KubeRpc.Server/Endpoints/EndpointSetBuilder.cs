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
        // Each endpoint's sort key is made once, not in every comparison (a large Service is sorted on every change).
        var ordered = kept.Select(pair => (Key: AddressKey.Of(pair.Value, pair.Key), Endpoint: pair.Value)).ToList();
        ordered.Sort(static (x, y) => x.Key.CompareTo(y.Key));
        foreach (var (_, endpoint) in ordered)
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

    /// <summary>By first address: IPs numerically (IPv4 before IPv6), then names; ties by ports (the identity).</summary>
    private readonly record struct AddressKey(int Kind, byte[] Bytes, string Text, string Identity) : IComparable<AddressKey>
    {
        public static AddressKey Of(ServiceEndpoint endpoint, string identity)
        {
            var first = endpoint.Addresses.FirstOrDefault() ?? "";
            return IPAddress.TryParse(first, out var ip)
                ? new AddressKey((int)ip.AddressFamily, ip.GetAddressBytes(), "", identity)
                : new AddressKey(int.MaxValue, [], first, identity);
        }

        public int CompareTo(AddressKey other)
        {
            var order = Kind.CompareTo(other.Kind);
            if (order == 0)
            {
                order = Bytes.AsSpan().SequenceCompareTo(other.Bytes);
            }
            if (order == 0)
            {
                order = string.CompareOrdinal(Text, other.Text);
            }
            return order != 0 ? order : string.CompareOrdinal(Identity, other.Identity);
        }
    }
}
