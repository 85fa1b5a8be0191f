using Google.Protobuf;
using k8s;
using k8s.Models;

namespace KubeRpc.Server.Caching;

/// <summary>
/// The write path: what the reflectors deliver is projected outside the lock, then applied to the store and
/// handed to the subscribers under it, so subscribers see changes in store order; waiters are woken after.
/// </summary>
internal sealed partial class ResourceInformer<TProto, TModel>
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private void Apply(string scope, WatchEventType type, TModel item)
    {
        var projected = _projection.Project(item);
        var changeType = type switch
        {
            WatchEventType.Added => ResourceChangeType.Added,
            WatchEventType.Modified => ResourceChangeType.Modified,
            _ => ResourceChangeType.Deleted,
        };
        lock (_gate)
        {
            Deliver(_store.Apply(changeType, projected, scope));
            MarkDelivered();
        }
        Signal();
    }

    private void Bookmark(string scope, long resourceVersion)
    {
        lock (_gate)
        {
            Deliver(_store.Advance(resourceVersion, scope));
            MarkDelivered();
        }
        Signal();
    }

    private void Replace(string scope, List<CachedObject<TProto>> items, long resourceVersion)
    {
        lock (_gate)
        {
            foreach (var change in _store.Replace(items, resourceVersion, scope))
            {
                Deliver(change);
            }
            MarkDelivered();
            if (_unsynced.Remove(scope) && _unsynced.Count == 0)
            {
                _synced.TrySetResult();
            }
        }
        Signal();
    }

    private void Deliver(ResourceChange<TProto>? change)
    {
        if (change is null)
        {
            return;
        }
        foreach (var handler in _handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                CachingLog.SubscriberFailed(_logger, e, Kind);
            }
        }
    }

    /// <summary>Under the lock, once the subscribers have the store's changes: what waiters may now see.</summary>
    private void MarkDelivered() => Volatile.Write(ref _delivered, _store.Current);

    private void Signal() =>
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>What one reflector delivers, applied to its scope of the store.</summary>
    private sealed class ScopeSink(ResourceInformer<TProto, TModel> owner, string scope) : IReflectorSink<TModel>
    {
        public IRelist<TModel> BeginRelist() => new Relist(owner, scope);

        public void OnEvent(WatchEventType type, TModel item) => owner.Apply(scope, type, item);

        public void OnBookmark(long resourceVersion) => owner.Bookmark(scope, resourceVersion);
    }

    /// <summary>Projects each listed object as its page arrives, so the client models of a large list do not pile up.</summary>
    private sealed class Relist(ResourceInformer<TProto, TModel> owner, string scope) : IRelist<TModel>
    {
        private readonly List<CachedObject<TProto>> _items = [];

        public void Add(TModel item) => _items.Add(owner._projection.Project(item));

        public void Commit(long resourceVersion) => owner.Replace(scope, _items, resourceVersion);
    }
}
