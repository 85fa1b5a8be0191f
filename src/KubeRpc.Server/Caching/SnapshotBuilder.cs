using System.Collections.Immutable;

namespace KubeRpc.Server.Caching;

/// <summary>
/// Applies any number of changes to a snapshot and produces the next one; only the namespaces and labels
/// touched are rebuilt, so one watch event costs O(log n) and a relist of n objects O(n log n).
/// </summary>
internal sealed class SnapshotBuilder<TProto> where TProto : class
{
    private readonly StoreSnapshot<TProto> _base;
    private readonly Dictionary<string, ImmutableSortedSet<CachedObject<TProto>>.Builder> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<LabelPair, ImmutableSortedSet<ObjectKey>.Builder> _labels = [];
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
        if (previous is null || !previous.Labels.SameAs(item.Labels))
        {
            if (previous is not null)
            {
                Unindex(previous);
            }
            foreach (var (key, value) in item.Labels)
            {
                Label(new LabelPair(key, value)).Add(item.Key);
            }
        }
    }

    /// <summary>Removes <paramref name="previous"/>, the object now held under its key.</summary>
    public void Remove(CachedObject<TProto> previous)
    {
        if (Namespace(previous.Namespace).Remove(previous))
        {
            _count--;
            Unindex(previous);
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
        var labels = _base.LabelIndex;
        if (_labels.Count > 0)
        {
            var builder = labels.ToBuilder();
            foreach (var (pair, keys) in _labels)
            {
                if (keys.Count == 0)
                {
                    builder.Remove(pair);
                }
                else
                {
                    builder[pair] = keys.ToImmutable();
                }
            }
            labels = builder.ToImmutable();
        }
        return new StoreSnapshot<TProto>(namespaces, labels, _count, versions);
    }

    private void Unindex(CachedObject<TProto> item)
    {
        foreach (var (key, value) in item.Labels)
        {
            Label(new LabelPair(key, value)).Remove(item.Key);
        }
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

    private ImmutableSortedSet<ObjectKey>.Builder Label(LabelPair pair)
    {
        if (!_labels.TryGetValue(pair, out var keys))
        {
            keys = (_base.LabelIndex.TryGetValue(pair, out var existing) ? existing : ImmutableSortedSet.Create(ObjectKey.Comparer)).ToBuilder();
            _labels.Add(pair, keys);
        }
        return keys;
    }
}
