using System.Collections.Immutable;

namespace KubeRpc.Server.Caching;

/// <summary>
/// The keyed cache of one kind (client-go's thread-safe store plus indexer), indexed by namespace.
/// </summary>
/// <remarks>
/// <para>Consistency: every change builds a new immutable <see cref="StoreSnapshot{TProto}"/> and publishes it
/// with one reference write, so a reader sees a change wholly or not at all, and a List walks one state.</para>
/// <para>Scopes: the store is fed by one reflector per scope, either all namespaces (<see cref="AllNamespaces"/>)
/// or one namespace each. Each scope keeps its own resourceVersion; <see cref="StoreSnapshot{TProto}.ResourceVersion"/>
/// is the lowest of them.</para>
/// <para>Ordering: writers are serialised; a change at or below its scope's version is a replay and is ignored,
/// so the store never moves backwards within a scope (except by <see cref="Replace"/>, whose list is the truth).</para>
/// </remarks>
internal sealed class ResourceStore<TProto> where TProto : class
{
    /// <summary>The scope of a reflector that lists and watches every namespace.</summary>
    public const string AllNamespaces = "";

    private readonly Lock _lock = new();
    private volatile StoreSnapshot<TProto> _current;

    /// <param name="scopes">The namespaces fed by their own reflector, or <see cref="AllNamespaces"/> (the default).</param>
    public ResourceStore(IEnumerable<string>? scopes = null)
    {
        var list = scopes?.Distinct(StringComparer.Ordinal).ToList() ?? [AllNamespaces];
        if (list.Count == 0 || (list.Count > 1 && list.Contains(AllNamespaces)))
        {
            throw new ArgumentException("scopes are either all namespaces or a set of namespaces", nameof(scopes));
        }
        Scopes = list;
        _current = new StoreSnapshot<TProto>(
            ImmutableSortedDictionary.Create<string, ImmutableSortedSet<CachedObject<TProto>>>(StringComparer.Ordinal),
            0,
            list.ToImmutableDictionary(s => s, _ => 0L, StringComparer.Ordinal));
    }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The latest snapshot; take it once per read and use that reference throughout.</summary>
    public StoreSnapshot<TProto> Current => _current;

    /// <summary>
    /// Applies one watch event. Added for a key already held counts as Modified (and Modified for a new key as
    /// Added); Deleted for an unknown key only advances the version. Returns what the cache saw, or null when the
    /// event is at or below the scope's version (a replay).
    /// </summary>
    /// <param name="item">The object as the event carried it (for Deleted, its final state).</param>
    public ResourceChange<TProto>? Apply(ResourceChangeType type, CachedObject<TProto> item, string scope = AllNamespaces)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            var current = _current;
            var rv = item.ResourceVersion;
            if (rv <= Version(current, scope))
            {
                return null;
            }
            CheckInScope(item, scope);
            var previous = current.Get(item.Key);
            var builder = new SnapshotBuilder<TProto>(current);
            ResourceChange<TProto> change;
            switch (type)
            {
                case ResourceChangeType.Added or ResourceChangeType.Modified:
                    builder.Put(item, previous);
                    change = new(previous is null ? ResourceChangeType.Added : ResourceChangeType.Modified, previous, item, rv);
                    break;
                case ResourceChangeType.Deleted when previous is not null:
                    builder.Remove(previous);
                    change = new(ResourceChangeType.Deleted, previous, item, rv);
                    break;
                case ResourceChangeType.Deleted:
                    change = new(ResourceChangeType.Bookmark, null, null, rv);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "use Advance for bookmarks");
            }
            _current = builder.Build(current.Versions.SetItem(scope, rv));
            return change;
        }
    }

    /// <summary>Moves a scope's version forward without changing objects (a watch bookmark); null if it is not newer.</summary>
    public ResourceChange<TProto>? Advance(long resourceVersion, string scope = AllNamespaces)
    {
        lock (_lock)
        {
            var current = _current;
            if (resourceVersion <= Version(current, scope))
            {
                return null;
            }
            _current = new StoreSnapshot<TProto>(current.NamespaceIndex, current.Count,
                current.Versions.SetItem(scope, resourceVersion));
            return new ResourceChange<TProto>(ResourceChangeType.Bookmark, null, null, resourceVersion);
        }
    }

    /// <summary>
    /// Replaces a scope's content with a fresh list taken at <paramref name="resourceVersion"/> and returns the
    /// synthetic changes that turn the old content into the new, in key order: Deleted (final state unknown) for
    /// keys gone, Modified for keys whose resourceVersion differs, Added for new keys, each at the scope's version
    /// before the relist; then one Bookmark at the list's version that names that earlier version
    /// (<see cref="ResourceChange{TProto}.RelistFrom"/>). Subscribers that apply them converge on the list.
    /// </summary>
    public IReadOnlyList<ResourceChange<TProto>> Replace(IEnumerable<CachedObject<TProto>> items, long resourceVersion,
        string scope = AllNamespaces)
    {
        ArgumentNullException.ThrowIfNull(items);
        var incoming = items.ToList();
        foreach (var item in incoming)
        {
            CheckInScope(item, scope);
        }
        // The API server lists in key order already; checking is O(n) where sorting is O(n log n).
        if (!InKeyOrder(incoming))
        {
            incoming.Sort(StoreSnapshot<TProto>.ByKey);
        }
        lock (_lock)
        {
            var current = _current;
            var before = Version(current, scope);
            var builder = new SnapshotBuilder<TProto>(current);
            var changes = new List<ResourceChange<TProto>>();
            var old = scope == AllNamespaces ? current.List() : current.List(scope);
            // Both sides are in key order: merge them.
            using var o = old.GetEnumerator();
            var hasOld = o.MoveNext();
            var i = 0;
            while (hasOld || i < incoming.Count)
            {
                var order = !hasOld ? 1 : i == incoming.Count ? -1 : o.Current.Key.CompareTo(incoming[i].Key);
                if (order < 0)
                {
                    builder.Remove(o.Current);
                    changes.Add(new(ResourceChangeType.Deleted, o.Current, null, before, Synthetic: true));
                    hasOld = o.MoveNext();
                }
                else if (order > 0)
                {
                    if (i > 0 && incoming[i - 1].Key == incoming[i].Key)
                    {
                        throw new ArgumentException($"duplicate key {incoming[i].Key} in list", nameof(items));
                    }
                    builder.Put(incoming[i], null);
                    changes.Add(new(ResourceChangeType.Added, null, incoming[i], before, Synthetic: true));
                    i++;
                }
                else
                {
                    if (o.Current.ResourceVersion != incoming[i].ResourceVersion)
                    {
                        builder.Put(incoming[i], o.Current);
                        changes.Add(new(ResourceChangeType.Modified, o.Current, incoming[i], before, Synthetic: true));
                    }
                    hasOld = o.MoveNext();
                    i++;
                }
            }
            changes.Add(new(ResourceChangeType.Bookmark, null, null, resourceVersion, Synthetic: true, RelistFrom: before));
            _current = builder.Build(current.Versions.SetItem(scope, resourceVersion));
            return changes;
        }
    }

    private long Version(StoreSnapshot<TProto> snapshot, string scope) =>
        snapshot.Versions.TryGetValue(scope, out var rv)
            ? rv
            : throw new ArgumentException($"\"{scope}\" is not a scope of this store", nameof(scope));

    private static bool InKeyOrder(List<CachedObject<TProto>> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i - 1].Key.CompareTo(items[i].Key) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void CheckInScope(CachedObject<TProto> item, string scope)
    {
        if (scope != AllNamespaces && item.Namespace != scope)
        {
            throw new ArgumentException($"{item.Key} is outside the scope of namespace {scope}", nameof(item));
        }
    }
}
