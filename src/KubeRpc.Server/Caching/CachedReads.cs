using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Server.Kinds;

namespace KubeRpc.Server.Caching;

/// <summary>
/// Serves Get and List from an informer's cache with the consistency of docs/architecture.md: a cached read waits
/// (bounded) until the cache has seen the caller's <c>min_resource_version</c> and every write this replica has
/// acknowledged, so a client reads its own writes through one replica even without passing a version. When the
/// cache cannot catch up in time, or does not cover the namespace, the caller reads from the API server instead.
/// </summary>
internal sealed class CachedReads<TProto, TModel>(ResourceInformer<TProto, TModel> informer, ResourceKind<TProto, TModel> kind,
    InformerOptions options, TimeProvider time)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly TimeSpan _maxWait = options.ReadWait;
    private long _acknowledged;

    public SelectableFields Fields => kind.Fields;

    /// <summary>The snapshots that unfinished cached listings page through.</summary>
    public PinnedSnapshots<TProto> Pages { get; } = new(options.PageSnapshots, options.PageSnapshotRetention, time);

    /// <summary>
    /// The state a listing's next page must come from: the snapshot its first page held, or, when that is not held here
    /// (let go, or the first page came from another replica), the cache as it is if it still shows the same state.
    /// Null when neither: the listing must start again.
    /// </summary>
    public StoreSnapshot<TProto>? PageSnapshot(long held, long version, string? ns) =>
        Pages.Find(held) is { } snapshot && snapshot.ShowsStateAt(version, ns) ? snapshot
        : informer.HasSynced && informer.Current is var current && current.ShowsStateAt(version, ns) ? current
        : null;

    /// <summary>Remembers the version of a write this replica acknowledged.</summary>
    public void Written(TModel model)
    {
        if (ResourceVersions.TryParse(model.Metadata?.ResourceVersion, out var rv))
        {
            long seen;
            while (rv > (seen = Interlocked.Read(ref _acknowledged)) && Interlocked.CompareExchange(ref _acknowledged, rv, seen) != seen)
            {
            }
        }
    }

    /// <summary>A snapshot at least as new as <paramref name="minResourceVersion"/> and every acknowledged write, or null to read through.</summary>
    public ValueTask<StoreSnapshot<TProto>?> SnapshotAsync(string? ns, long minResourceVersion, CancellationToken cancellationToken)
    {
        if (!informer.Covers(ns))
        {
            return ValueTask.FromResult<StoreSnapshot<TProto>?>(null);
        }
        var target = Math.Max(minResourceVersion, Interlocked.Read(ref _acknowledged));
        if (informer.HasSynced)
        {
            // The common case: caught up already, so no timer and no allocation.
            var current = informer.Current;
            if (ResourceInformer<TProto, TModel>.HasReached(current, target, ns))
            {
                return ValueTask.FromResult<StoreSnapshot<TProto>?>(current);
            }
        }
        return new ValueTask<StoreSnapshot<TProto>?>(WaitForSnapshotAsync(ns, target, cancellationToken));
    }

    private async Task<StoreSnapshot<TProto>?> WaitForSnapshotAsync(string? ns, long target, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_maxWait);
        try
        {
            await informer.WaitForSyncAsync(bounded.Token);
            if (target > 0)
            {
                await informer.WaitForResourceVersionAsync(target, string.IsNullOrEmpty(ns) ? null : ns, bounded.Token);
            }
            return informer.Current;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // not caught up in time: the API server answers instead
        }
    }

    /// <summary>
    /// After a delete this replica acknowledged, waits (bounded) until the cache has dropped the object. The cache
    /// must first reach the version the DELETE answer carried (<paramref name="lastResourceVersion"/>) and every
    /// acknowledged write: until then, an object it does not hold may simply not have arrived yet.
    /// </summary>
    public async Task DeletedAsync(string ns, string name, string? uid, long lastResourceVersion, CancellationToken cancellationToken)
    {
        var key = new ObjectKey(ns, name);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = informer.Subscribe(change =>
        {
            if (change.Type == ResourceChangeType.Deleted && change.Key == key)
            {
                gone.TrySetResult();
            }
        });
        if (!informer.Covers(ns))
        {
            return;
        }
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_maxWait);
        try
        {
            if (!HoldsObject(subscription.Snapshot.Get(key), uid))
            {
                // Not held: already gone, or not yet seen (the cache may still lag behind the write that created it).
                // Once the cache has the object's last state and every acknowledged write, it either holds the
                // object, and its deletion follows, or it never will.
                var target = Math.Max(lastResourceVersion, Interlocked.Read(ref _acknowledged));
                await informer.WaitForResourceVersionAsync(target, ns, bounded.Token);
                if (!HoldsObject(informer.Current.Get(key), uid))
                {
                    return;
                }
            }
            await gone.Task.WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The cache is behind; reads that need the deletion can ask for STRONG consistency.
        }
    }

    // The uid tells a deleted object from a namesake created since.
    private bool HoldsObject(CachedObject<TProto>? cached, string? uid) =>
        cached is not null && (uid is null || kind.Metadata(kind.Parser.ParseFrom(cached.Encoded))?.Uid is not { } held || held == uid);
}
