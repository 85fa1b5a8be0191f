using System.Collections.Immutable;
using Google.Protobuf;
using k8s;
using k8s.Models;

namespace KubeRpc.Server.Caching;

/// <summary>
/// A hosted, continuously updated in-memory copy of one kind (client-go's SharedIndexInformer): one
/// <see cref="Reflector{TModel}"/> per scope (all namespaces, or each configured namespace) feeding one
/// <see cref="ResourceStore{TProto}"/> of proto projections.
/// </summary>
/// <remarks>
/// <para><b>Consistency.</b> The cache is eventually consistent with the API server: it lags by the watch's
/// latency, and further while a watch is down. It never holds a state the server did not have: reads see
/// whole snapshots (<see cref="Current"/>), each reflecting every write at or below its
/// <see cref="StoreSnapshot{TProto}.ResourceVersion"/>. Once synced, the informer keeps serving the last state
/// through outages (<see cref="HasSynced"/> never goes back to false); the metrics show how old it is.</para>
/// <para><b>Read-your-writes.</b> A write returns the object's resourceVersion; <see cref="WaitForResourceVersionAsync(long, string?, CancellationToken)"/>
/// completes once the cache has reached that version or a newer one (a watch event or a bookmark), after which
/// the cache shows the write, or something newer.</para>
/// <para><b>Ordering.</b> Subscribers receive every change in the order the store applied it, each after the
/// store shows it: within a scope in increasing resourceVersion (the synthetic changes of one relist share the
/// list's version and come in key order). With several namespaces configured, the streams of different
/// namespaces interleave, each in its own order. A Bookmark change announces progress without an object.</para>
/// <para><b>Relist.</b> A watch that ends is resumed from the last version seen; only when the server answers
/// 410 (the version left its history) does the reflector list again. The new list replaces the scope's content
/// and the differences are delivered as synthetic changes (<see cref="ResourceChange{TProto}.Synthetic"/>):
/// Deleted for objects gone (with <c>Current</c> null: the final state is unknown), Modified for objects whose
/// resourceVersion changed, Added for new ones, then a Bookmark at the list's version. A subscriber that applies
/// every change to its subscription snapshot therefore holds exactly what the informer holds; no delete is lost,
/// even one that happened while no watch was open.</para>
/// <para><b>Subscribers.</b> <see cref="Subscribe"/> takes the snapshot and registers the handler atomically, so no
/// change is lost or doubled between them; a late joiner gets the current state as that snapshot, not a
/// replay. Handlers run synchronously on a reflector's thread while the informer holds its lock: they must be
/// quick and must never block (copy into a bounded queue and drop a slow consumer, as a watch fan-out should).
/// An exception from a handler is logged and ignored.</para>
/// <para><b>Failures.</b> Nothing escapes <see cref="ExecuteAsync"/>: errors are retried with backoff, a stalled
/// watch is restarted by a watchdog, and the host keeps running.</para>
/// </remarks>
internal sealed partial class ResourceInformer<TProto, TModel> : BackgroundService, IInformerStatus
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly ResourceStore<TProto> _store;
    private readonly ResourceProjection<TProto, TModel> _projection;
    private readonly List<Reflector<TModel>> _reflectors = [];
    private readonly HashSet<string> _unsynced;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private ImmutableArray<Action<ResourceChange<TProto>>> _handlers = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The store as its subscribers have been handed it. The store changes just before its subscribers hear of the
    // change (both under _gate); waiters look here, so none returns before every subscriber has what it waited for.
    private StoreSnapshot<TProto> _delivered;

    public ResourceInformer(IEnumerable<IListerWatcher<TModel>> sources, ResourceProjection<TProto, TModel> projection,
        InformerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var list = sources.ToList();
        _projection = projection;
        _logger = logger;
        _store = new ResourceStore<TProto>(list.Select(Scope));
        _delivered = _store.Current;
        _unsynced = new HashSet<string>(_store.Scopes, StringComparer.Ordinal);
        foreach (var source in list)
        {
            var name = source.Namespace is null ? $"{projection.Kind} in all namespaces" : $"{projection.Kind} in namespace {source.Namespace}";
            _reflectors.Add(new Reflector<TModel>(source, new ScopeSink(this, Scope(source)), options, Metrics, time, logger, name));
        }
    }

    public string Kind => _projection.Kind;

    /// <summary>The latest snapshot of the cache.</summary>
    public StoreSnapshot<TProto> Current => _store.Current;

    /// <summary>True once every scope has been listed; stays true.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the whole cache has reached (0 before the sync).</summary>
    public long ResourceVersion => _store.Current.ResourceVersion;

    public int ObjectsCached => _store.Current.Count;

    public InformerMetrics Metrics { get; } = new();

    /// <summary>Whether reads of <paramref name="namespace"/> (null or empty: all namespaces) can be served from this cache.</summary>
    public bool Covers(string? @namespace) =>
        _store.Scopes.Contains(ResourceStore<TProto>.AllNamespaces)
        || (!string.IsNullOrEmpty(@namespace) && _store.Scopes.Contains(@namespace));

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public Task WaitForResourceVersionAsync(long resourceVersion, CancellationToken cancellationToken) =>
        WaitForResourceVersionAsync(resourceVersion, null, cancellationToken);

    /// <summary>
    /// Completes when the cache has reached <paramref name="resourceVersion"/> or newer, for one namespace (its
    /// scope) or, when null, for every scope, and every subscriber has been handed the changes up to it (a watch
    /// that waited for a version then joins a broadcaster that has it). It waits for the initial sync too.
    /// </summary>
    public async Task WaitForResourceVersionAsync(long resourceVersion, string? @namespace, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before looking, so an advance between the look and the wait still wakes us.
            var progress = Volatile.Read(ref _progress).Task;
            if (HasReached(Volatile.Read(ref _delivered), resourceVersion, @namespace))
            {
                return;
            }
            await progress.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether <paramref name="snapshot"/> reflects <paramref name="resourceVersion"/> for one namespace (its scope)
    /// or, when null, for every scope; never before the scope's first list.
    /// </summary>
    public static bool HasReached(StoreSnapshot<TProto> snapshot, long resourceVersion, string? @namespace)
    {
        var reached = string.IsNullOrEmpty(@namespace) ? snapshot.ResourceVersion : snapshot.ResourceVersionOf(@namespace);
        return reached >= resourceVersion && reached > 0;
    }

    /// <summary>Registers <paramref name="handler"/> for every later change; see the remarks for its contract.</summary>
    public InformerSubscription<TProto> Subscribe(Action<ResourceChange<TProto>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = _handlers.Add(handler);
            return new InformerSubscription<TProto>(_store.Current, () =>
            {
                lock (_gate)
                {
                    _handlers = _handlers.Remove(handler);
                }
            });
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_reflectors.Select(r => r.RunAsync(stoppingToken)));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Reflectors never throw; if that is ever wrong, log it rather than stop the host.
            CachingLog.Crashed(_logger, e, Kind);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Scope(IListerWatcher<TModel> source) => source.Namespace ?? ResourceStore<TProto>.AllNamespaces;
}
