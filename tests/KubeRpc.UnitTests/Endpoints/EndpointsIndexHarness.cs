using Google.Protobuf;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Endpoints;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Endpoints;

/// <summary>Two stores fed by hand, as the Service and EndpointSlice informers feed them, in front of a <see cref="ServiceEndpointsIndex"/>.</summary>
internal sealed class EndpointsIndexHarness : IDisposable
{
    private readonly ResourceStore<Service> _services = new(null);
    private readonly ResourceStore<ServiceEndpoints> _slices = new(null);
    private Action<ResourceChange<Service>>? _onService;
    private Action<ResourceChange<ServiceEndpoints>>? _onSlice;

    public EndpointsIndexHarness(WatchOptions? options = null)
    {
        Index = new ServiceEndpointsIndex(
            handler =>
            {
                _onService = handler;
                return new InformerSubscription<Service>(_services.Current, () => _onService = null);
            },
            handler =>
            {
                _onSlice = handler;
                return new InformerSubscription<ServiceEndpoints>(_slices.Current, () => _onSlice = null);
            },
            new EndpointSetBuilder("cluster.local"), options ?? new WatchOptions(), TimeProvider.System);
    }

    public ServiceEndpointsIndex Index { get; }

    public static ObjectKey Web { get; } = new("shop", "web");

    public void Service(long rv, int port = 80, ResourceChangeType type = ResourceChangeType.Added)
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Namespace = Web.Namespace, Name = Web.Name },
            Spec = new ServiceSpec { Type = ServiceType.ClusterIp, ClusterIp = "10.0.0.1", ClusterIps = { "10.0.0.1" }, Ports = { new ServicePort { Name = "grpc", Port = port } } },
        };
        Feed(_services, _onService, type, Web, rv, service, null);
    }

    /// <summary>A slice of web (or, with <paramref name="service"/>, of another Service) with one ready endpoint per address.</summary>
    public void Slice(string name, long rv, string[] addresses, ResourceChangeType type = ResourceChangeType.Added, string? service = "web",
        bool ready = true)
    {
        var slice = new ServiceEndpoints { Namespace = Web.Namespace, Name = service ?? "" };
        foreach (var address in addresses)
        {
            slice.Endpoints.Add(new ServiceEndpoint
            {
                Addresses = { address }, AddressType = AddressType.Ipv4, Ready = ready, Serving = ready,
                Ports = { new EndpointPort { Name = "grpc", Port = 8080, Protocol = Protocol.Tcp } },
            });
        }
        var labels = service is null ? null : new Dictionary<string, string> { ["kubernetes.io/service-name"] = service };
        Feed(_slices, _onSlice, type, new ObjectKey(Web.Namespace, name), rv, slice, labels);
    }

    public void Dispose() => Index.Dispose();

    private static void Feed<TProto>(ResourceStore<TProto> store, Action<ResourceChange<TProto>>? handler, ResourceChangeType type, ObjectKey key,
        long rv, IMessage message, Dictionary<string, string>? labels)
        where TProto : class
    {
        var cached = new CachedObject<TProto>(key, rv, message.ToByteArray(), LabelSet.From(labels), SelectableFields.MetadataOnly, []);
        if (store.Apply(type, cached, ResourceStore<TProto>.AllNamespaces) is { } change)
        {
            handler?.Invoke(change);
        }
    }
}
