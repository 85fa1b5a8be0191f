using k8s;
using k8s.Models;
using KubeRpc.Emulator.Auth.Authentication;
using KubeRpc.Emulator.Auth.Endpoints;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Controllers;
using KubeRpc.Emulator.Faults;
using KubeRpc.Emulator.Hosting;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator;

/// <summary>
/// An in-memory Kubernetes API server (kube-apiserver 1.32 semantics) for namespaces, services, secrets, service
/// accounts (with their tokens), ingresses and ingress classes, RBAC and access reviews, and for the configmaps,
/// deployments, pod disruption budgets and network policies a KubeRpc deployment needs (stored and validated; no
/// controller acts on them): the embedded default cluster and the test bed.
/// </summary>
/// <remarks>
/// <para>Fidelity contract: the unmodified kubectl, the official Python and JavaScript clients and
/// KubernetesClient see the same status codes, Status bodies, defaults, validation causes, resource versions
/// and watch behaviour as against a real API server, for the resources above.</para>
/// <para>Consistency: one global resourceVersion, bumped by every write; a write is admitted and stored
/// atomically; reads and lists see whole writes only; a paged list walks one snapshot.</para>
/// <para>Watch: events for a resource are delivered in resourceVersion order; a watch may resume from any
/// version still in the history (at least <see cref="HistoryOptions.MinEvents"/> events or
/// <see cref="HistoryOptions.MinAge"/> per resource), older ones get ERROR 410 Expired. A slow watcher only
/// delays itself: writers never wait for watchers.</para>
/// <para>Callers: a request with a bearer token is the service account the token was issued for (TokenRequest, signed
/// with a key made per emulator; 401 once it expires by the emulator's clock or its service account is gone). A
/// request without credentials is the cluster admin (<c>system:unsecured</c>) from the in-process handler, and over HTTP
/// from loopback when it names a loopback host and no browser marks it cross-site (<see cref="Http.LocalAdminRule"/>);
/// everyone else is <c>system:anonymous</c>. Every request is authorized by RBAC against the stored roles and bindings
/// (the default policy of a 1.32 cluster is seeded; ClusterRoles with an aggregationRule are aggregated), after
/// <c>Impersonate-*</c> headers are honoured for callers RBAC allows to impersonate; 403s are worded as kube-apiserver's.</para>
/// <para>Pods: three seeded Nodes in two zones; a simulated kubelet (<see cref="SimulatedKubelet"/>) binds each new Pod,
/// gives it an IP of <see cref="EmulatorOptions.PodCidr"/> and reports it Running and Ready; a deleted Pod stays
/// Terminating for <see cref="EmulatorOptions.PodShutdown"/>. No container runs. The EndpointSlice controller
/// (<see cref="EndpointSliceController"/>) keeps the slices of every Service with a selector.</para>
/// <para>Limits: a development and test cluster. No persistence, no core/v1 Endpoints. As in
/// kube-apiserver, a request body may hold at most <see cref="Api.ApiLimits.MaxRequestBodyBytes"/> (413 past it; the
/// HTTP host stops reading there) and the <c>copy</c> operations of one JSON patch may add at most
/// <see cref="Api.ApiLimits.JsonPatchMaxCopyBytes"/> (422).</para>
/// <para>Deviations, so that hostile input always gets a 4xx and bounded work:</para>
/// <list type="bullet">
/// <item>JSON nested deeper than <see cref="Api.ApiLimits.MaxJsonDepth"/> levels is refused (Go allows 10000): a
/// body with 400 in Go's decoder wording, a JSON patch operation that would nest the document deeper with 422.</item>
/// <item>An object whose JSON is larger than <see cref="Api.ApiLimits.MaxObjectBytes"/> (etcd's request limit) is not
/// stored: 413 RequestEntityTooLarge <c>etcdserver: request is too large</c>, where kube-apiserver 1.32 answers 500
/// with etcd's message (kubernetes#112152). JSON is a little larger than the protobuf etcd stores, so the emulator's
/// limit is slightly stricter.</item>
/// <item>Errors kube-apiserver answers with a 500 although the request is at fault are 400 BadRequest with the same
/// words: strategic merge patch and server-side apply errors (list items of different types, a missing merge key,
/// an unknown directive, list items without their keys), repeating at most a short prefix of the patch; a
/// resourceVersion on create; a requested healthCheckNodePort out of range or taken; a nodePort used twice.</item>
/// </list>
/// </remarks>
public sealed class KubernetesEmulator : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly ObjectRegistry _registry;
    private readonly KubernetesApi _api;
    private readonly DeletionController _deletions;
    private readonly ClusterRoleAggregationController _aggregation;
    private readonly SimulatedKubelet _kubelet;
    private readonly EndpointSliceController? _endpointSlices;

    public KubernetesEmulator(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var podIps = new PodIpAllocator(options.PodCidr); // a bad PodCidr fails here, before anything runs
        var authentication = new AuthenticationEndpoints(options.TimeProvider, options.StaticTokens);
        RbacAuthorizer? authorizer = null;
        var catalog = new ResourceCatalog(EmulatorComponents.Strategies(() => authorizer!), authentication);
        _store = new ObjectStore(catalog.All, options.History, options.TimeProvider);
        authorizer = new RbacAuthorizer(_store);
        _registry = new ObjectRegistry(_store, catalog);
        authentication.Attach((ns, name) => _store.Get(catalog.ServiceAccounts, ns, name)?.Model as V1ServiceAccount);
        Faults = new FaultInjector(_store.CompactHistory);
        var documents = new IssuerDiscoveryDocuments(authentication.Settings, EmulatorComponents.Documents(catalog));
        _api = new KubernetesApi(_registry, documents, Faults, EmulatorComponents.Decoder(),
            new RequestAuthenticator(authentication.Tokens), authorizer)
        {
            BookmarkInterval = options.BookmarkInterval,
            SlowWatcherCheckInterval = options.SlowWatcherCheckInterval,
        };
        _deletions = new DeletionController(_registry);
        ClusterSeed.Apply(_registry);
        _aggregation = new ClusterRoleAggregationController(_registry);
        _kubelet = new SimulatedKubelet(_registry, podIps, options);
        _endpointSlices = options.EndpointSliceController ? new EndpointSliceController(_registry) : null;
    }

    /// <summary>Fault injection for reliability tests; every fault is off until set.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The latest resourceVersion handed out.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>Watch streams open right now (a slow watcher that fell behind the history is ended and leaves this count).</summary>
    public int OpenWatches => _api.OpenWatches;

    /// <summary>Raised after <see cref="OpenWatches"/> changes, on the watch's thread (for tests, which wait on it).</summary>
    internal event Action? OpenWatchesChanged
    {
        add => _api.OpenWatchesChanged += value;
        remove => _api.OpenWatchesChanged -= value;
    }

    /// <summary>
    /// Every change to <paramref name="resource"/> (a plural, e.g. <c>services</c>) from now on, as the API server's own
    /// sequence, for tests that hold what clients saw against it; trimming and <see cref="FaultInjector.RestartApiServer"/>
    /// do not take changes from the reader.
    /// </summary>
    public ChangeLogReader ReadChanges(string resource) => new(_store.Log(resource).Tail);

    /// <summary>
    /// Test hook for load benchmarks: stores <paramref name="objects"/> of <paramref name="resource"/> (a plural, e.g.
    /// <c>services</c>) straight into the store, as objects etcd already holds, without admission: no validation,
    /// defaulting or allocation by request and no check that the namespace exists, so they must be complete as a cluster
    /// would store them. Each gets the next resourceVersion (and a uid and creationTimestamp when it has none); what a
    /// stored object holds (a Service's cluster IPs) is reserved as after any commit, and controllers see the changes.
    /// The resource's history is compacted afterwards, as etcd's after a bulk load: a watch or continue from before
    /// gets 410 Expired.
    /// </summary>
    /// <returns>How many objects were stored.</returns>
    public int StoreWithoutAdmission(string resource, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var type = _registry.Catalog.All.FirstOrDefault(t => t.Plural == resource)
            ?? throw new ArgumentException($"no resource {resource}", nameof(resource));
        var stored = 0;
        // Chunks under the write lock: one lock per object would make the load slow, one for all would stall every writer.
        foreach (var chunk in objects.Chunk(1000))
        {
            _store.Write(() =>
            {
                foreach (var obj in chunk)
                {
                    obj.Metadata.Uid ??= Guid.NewGuid().ToString();
                    obj.Metadata.CreationTimestamp ??= _store.Now;
                    _store.Put(type, obj, _store.Get(type, obj.Metadata.NamespaceProperty, obj.Metadata.Name));
                }
                return 0;
            });
            stored += chunk.Length;
        }
        _store.Write(() =>
        {
            _store.Log(type).Compact();
            return 0;
        });
        return stored;
    }

    /// <summary>A terminal handler for <c>new Kubernetes(config, handler)</c>: requests never leave the process.</summary>
    public DelegatingHandler CreateHandler() => new EmulatorHttpHandler(_api);

    /// <summary>A KubernetesClient wired to this emulator in-process.</summary>
    public IKubernetes CreateClient() =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://emulator.invalid" }, CreateHandler());

    /// <summary>Serves one transport-neutral request (the HTTP host's entry point).</summary>
    public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken) =>
        _api.HandleAsync(request, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Faults.EndAllWatches();
        await _deletions.DisposeAsync();
        await _aggregation.DisposeAsync();
        await _kubelet.DisposeAsync();
        if (_endpointSlices is not null)
        {
            await _endpointSlices.DisposeAsync();
        }
        Faults.Dispose();
    }
}
