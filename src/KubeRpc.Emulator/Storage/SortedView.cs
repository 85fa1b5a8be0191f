using System.Collections.Immutable;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// One snapshot of a resource as an array in key order. <see cref="ImmutableSortedDictionary{TKey, TValue}"/>
/// can only be walked from its first key, so a paged LIST that skipped to its continue key and counted the
/// rest (remainingItemCount) cost O(n) per page and O(n²/limit) per walk; over this array a page seeks by
/// binary search and counts by subtraction, so a page costs O(log n + limit).
/// </summary>
internal sealed class SortedView
{
    private readonly StoredObject[] _items;

    public SortedView(ImmutableSortedDictionary<string, StoredObject> items)
    {
        _items = new StoredObject[items.Count];
        var i = 0;
        foreach (var (_, item) in items)
        {
            _items[i++] = item;
        }
    }

    public int Count => _items.Length;

    public StoredObject this[int index] => _items[index];

    /// <summary>The index of the first key at or after <paramref name="key"/> (ordinal), or <see cref="Count"/>.</summary>
    public int LowerBound(string key) => Search(key, inclusive: true);

    /// <summary>The index of the first key strictly after <paramref name="key"/> (ordinal), or <see cref="Count"/>.</summary>
    public int UpperBound(string key) => Search(key, inclusive: false);

    /// <summary>
    /// The index range of a namespace's objects. Their keys are <c>namespace/name</c> and '0' follows '/', so
    /// they are exactly the keys in [<c>namespace/</c>, <c>namespace0</c>).
    /// </summary>
    public (int Start, int End) NamespaceRange(string @namespace) =>
        (LowerBound(@namespace + "/"), LowerBound(@namespace + "0"));

    private int Search(string key, bool inclusive)
    {
        var (low, high) = (0, _items.Length);
        while (low < high)
        {
            var mid = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_items[mid].Key, key);
            if (order < 0 || (order == 0 && !inclusive))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
