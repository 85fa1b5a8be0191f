using System.Collections.Immutable;

namespace KubeRpc.Server.Caching;

/// <summary>
/// The store's content at one moment: immutable, so a reader walks a whole, consistent state however long it
/// takes and whatever changes meanwhile. Lists are in <see cref="ObjectKey"/> order (namespace, then name,
/// ordinal), which makes "continue after key" paging stable.
/// </summary>
internal sealed class StoreSnapshot<TProto> where TProto : class
{
    /// <summary>Orders cached objects by key; the sets of the namespace index use it.</summary>
    internal static readonly IComparer<CachedObject<TProto>> ByKey =
        Comparer<CachedObject<TProto>>.Create(static (a, b) => a.Key.CompareTo(b.Key));

    internal static readonly ImmutableSortedSet<CachedObject<TProto>> EmptySet = ImmutableSortedSet.Create(ByKey);

    private readonly ImmutableSortedDictionary<string, ImmutableSortedSet<CachedObject<TProto>>> _namespaces;
    private readonly ImmutableDictionary<string, long> _versions;

    internal StoreSnapshot(
        ImmutableSortedDictionary<string, ImmutableSortedSet<CachedObject<TProto>>> namespaces,
        int count,
        ImmutableDictionary<string, long> versions)
    {
        _namespaces = namespaces;
        _versions = versions;
        Count = count;
        ResourceVersion = versions.IsEmpty ? 0 : versions.Values.Min();
    }

    internal ImmutableSortedDictionary<string, ImmutableSortedSet<CachedObject<TProto>>> NamespaceIndex => _namespaces;

    internal ImmutableDictionary<string, long> Versions => _versions;

    /// <summary>Objects held.</summary>
    public int Count { get; }

    /// <summary>
    /// The version every part of the store has reached (the lowest over its scopes): every write at or below it
    /// is reflected. 0 until each scope has been listed.
    /// </summary>
    public long ResourceVersion { get; }

    /// <summary>The version reached for one namespace (its own scope, else the all-namespaces scope; 0 if none).</summary>
    public long ResourceVersionOf(string @namespace) =>
        _versions.TryGetValue(@namespace, out var rv) ? rv
        : _versions.TryGetValue(ResourceStore<TProto>.AllNamespaces, out var all) ? all
        : 0;

    /// <summary>
    /// Whether this snapshot shows, for a listing of <paramref name="namespace"/> (empty: all), exactly the state
    /// another one reported at <paramref name="version"/>: a scope's content changes only with its version. A listing of
    /// all namespaces over several scopes reports the lowest of their versions, which does not pin the state.
    /// </summary>
    public bool ShowsStateAt(long version, string? @namespace) =>
        string.IsNullOrEmpty(@namespace)
            ? _versions.Count == 1 && ResourceVersion == version
            : ResourceVersionOf(@namespace) == version;

    /// <summary>Namespaces holding at least one object, in ordinal order.</summary>
    public IEnumerable<string> Namespaces => _namespaces.Keys;

    public CachedObject<TProto>? Get(string @namespace, string name) => Get(new ObjectKey(@namespace, name));

    public CachedObject<TProto>? Get(ObjectKey key) =>
        _namespaces.TryGetValue(key.Namespace, out var set) && set.TryGetValue(CachedObject<TProto>.Probe(key), out var found)
            ? found
            : null;

    /// <summary>Objects in one namespace (null or empty: all), in key order.</summary>
    public int CountIn(string? @namespace) =>
        string.IsNullOrEmpty(@namespace) ? Count : _namespaces.TryGetValue(@namespace, out var set) ? set.Count : 0;

    /// <summary>
    /// Objects of one namespace (null or empty: every namespace) in key order, starting after
    /// <paramref name="after"/> when given (it need not exist any more).
    /// </summary>
    public IEnumerable<CachedObject<TProto>> List(string? @namespace = null, ObjectKey? after = null)
    {
        if (!string.IsNullOrEmpty(@namespace))
        {
            return _namespaces.TryGetValue(@namespace, out var set) ? From(set, after) : [];
        }
        return ListAll(after);
    }

    private IEnumerable<CachedObject<TProto>> ListAll(ObjectKey? after)
    {
        foreach (var (ns, set) in _namespaces)
        {
            if (after is { } a && string.CompareOrdinal(ns, a.Namespace) < 0)
            {
                continue;
            }
            var from = after is { } b && ns == b.Namespace ? after : null;
            foreach (var item in From(set, from))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<CachedObject<TProto>> From(ImmutableSortedSet<CachedObject<TProto>> set, ObjectKey? after)
    {
        if (after is null)
        {
            foreach (var item in set)
            {
                yield return item;
            }
            yield break;
        }
        // Indexing is O(log n), so a page deep in a large set costs its own size, not the skipped prefix.
        var index = set.IndexOf(CachedObject<TProto>.Probe(after.Value));
        for (var i = index >= 0 ? index + 1 : ~index; i < set.Count; i++)
        {
            yield return set[i];
        }
    }
}
