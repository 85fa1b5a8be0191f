using KubeRpc.Server.Caching;

namespace KubeRpc.UnitTests.Caching;

/// <summary>
/// A subscriber that rebuilds the cache from its subscription snapshot plus every change, and records each
/// breach of the informer's contract (an Added for a key it holds, a Modified or Deleted whose Previous is
/// not exactly what it holds, a version going backwards). If the informer ever loses or doubles a change,
/// the mirror drifts from the cache or records a violation.
/// </summary>
internal sealed class ChangeMirror<TProto> : IDisposable where TProto : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, CachedObject<TProto>> _items = [];
    private readonly List<string> _violations = [];
    private readonly List<ResourceChange<TProto>> _deletes = [];
    private readonly InformerSubscription<TProto> _subscription;
    private readonly bool _singleScope;
    private List<ResourceChange<TProto>>? _pending = [];
    private long _lastVersion;

    public ChangeMirror(Func<Action<ResourceChange<TProto>>, InformerSubscription<TProto>> subscribe, bool singleScope = true)
    {
        _singleScope = singleScope;
        // Subscribe outside our lock: the informer calls handlers under its own lock, and subscribing takes it.
        // Changes that arrive before the snapshot is loaded wait in _pending; by contract they follow it.
        _subscription = subscribe(OnChange);
        lock (_lock)
        {
            foreach (var item in _subscription.Snapshot.List())
            {
                _items.Add(item.Key, item);
            }
            _lastVersion = _subscription.Snapshot.ResourceVersion;
            foreach (var change in _pending!)
            {
                Apply(change);
            }
            _pending = null;
        }
    }

    public IReadOnlyList<string> Violations
    {
        get { lock (_lock) { return [.. _violations]; } }
    }

    public IReadOnlyList<ResourceChange<TProto>> Deletes
    {
        get { lock (_lock) { return [.. _deletes]; } }
    }

    public long Changes { get; private set; }

    /// <summary>Keys and versions the mirror holds.</summary>
    public Dictionary<ObjectKey, long> Versions()
    {
        lock (_lock)
        {
            return _items.ToDictionary(p => p.Key, p => p.Value.ResourceVersion);
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnChange(ResourceChange<TProto> change)
    {
        lock (_lock)
        {
            if (_pending is not null)
            {
                _pending.Add(change);
            }
            else
            {
                Apply(change);
            }
        }
    }

    private void Apply(ResourceChange<TProto> change)
    {
        Changes++;
        if (_singleScope && change.ResourceVersion < _lastVersion)
        {
            _violations.Add($"{change.Type} at {change.ResourceVersion} after {_lastVersion}");
        }
        _lastVersion = Math.Max(_lastVersion, change.ResourceVersion);
        var key = change.Key;
        _items.TryGetValue(key ?? default, out var held);
        switch (change.Type)
        {
            case ResourceChangeType.Added:
                Check(held is null && change.Previous is null, change, "Added for a key already held");
                _items[key!.Value] = change.Current!;
                break;
            case ResourceChangeType.Modified:
                Check(held is not null && ReferenceEquals(held, change.Previous), change, "Modified with another Previous");
                Check(change.Current!.ResourceVersion > change.Previous!.ResourceVersion, change, "Modified to an older version");
                _items[key!.Value] = change.Current!;
                break;
            case ResourceChangeType.Deleted:
                Check(held is not null && ReferenceEquals(held, change.Previous), change, "Deleted with another Previous");
                _items.Remove(key!.Value);
                _deletes.Add(change);
                break;
            case ResourceChangeType.Bookmark:
                Check(change.Previous is null && change.Current is null, change, "Bookmark with an object");
                break;
        }
    }

    private void Check(bool condition, ResourceChange<TProto> change, string what)
    {
        if (!condition)
        {
            _violations.Add($"{what}: {change}");
        }
    }
}
