using System.Collections.Immutable;

namespace KubeRpc.Server.Caching;

/// <summary>
/// Applies any number of changes to a snapshot and produces the next one; only the namespaces touched are
/// rebuilt, so one watch event costs O(log n) and a relist of n objects O(n log n).
/// </summary>
internal sealed class SnapshotBuilder<TProto> where TProto : class
{
    private readonly StoreSnapshot<TProto> _base;
    private readonly Dictionary<string, ImmutableSortedSet<CachedObject<TProto>>.Builder> _namespaces = new(StringComparer.Ordinal);
    private int _count;

    public SnapshotBuilder(StoreSnapshot<TProto> from)
    {
        _base = from;
        _count = from.Count;
    }

    /// <summary>Adds <paramref name="item"/>, replacing <paramref name="previous"/> (the object now held under its key, if any).</summary>
    public void Put(CachedObject<TProto> item, CachedObject<TProto>? previous)
    {
        var set = Namespace(item.Namespace);
        if (previous is not null)
        {
            set.Remove(previous);
        }
        else
        {
            _count++;
        }
        set.Add(item);
    }

    /// <summary>Removes <paramref name="previous"/>, the object now held under its key.</summary>
    public void Remove(CachedObject<TProto> previous)
    {
        if (Namespace(previous.Namespace).Remove(previous))
        {
            _count--;
        }
    }

    public StoreSnapshot<TProto> Build(ImmutableDictionary<string, long> versions)
    {
        var namespaces = _base.NamespaceIndex;
        if (_namespaces.Count > 0)
        {
            var builder = namespaces.ToBuilder();
            foreach (var (ns, set) in _namespaces)
            {
                if (set.Count == 0)
                {
                    builder.Remove(ns);
                }
                else
                {
                    builder[ns] = set.ToImmutable();
                }
            }
            namespaces = builder.ToImmutable();
        }
        return new StoreSnapshot<TProto>(namespaces, _count, versions);
    }

    private ImmutableSortedSet<CachedObject<TProto>>.Builder Namespace(string ns)
    {
        if (!_namespaces.TryGetValue(ns, out var set))
        {
            set = (_base.NamespaceIndex.TryGetValue(ns, out var existing) ? existing : StoreSnapshot<TProto>.EmptySet).ToBuilder();
            _namespaces.Add(ns, set);
        }
        return set;
    }
}
