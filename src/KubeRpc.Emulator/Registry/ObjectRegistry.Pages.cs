using System.Collections.Immutable;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Registry;

/// <summary>Cutting a LIST's items from its snapshot: whole, or one page of a limit/continue walk.</summary>
internal sealed partial class ObjectRegistry
{
    private static ListPage Whole(ImmutableSortedDictionary<string, StoredObject> items, ObjectFilter filter, long snapshotRv)
    {
        var page = new List<StoredObject>();
        foreach (var (_, item) in items)
        {
            if (filter.InNamespace(item) && filter.Matches(item))
            {
                page.Add(item);
            }
        }
        return new ListPage(page, snapshotRv, null, null);
    }

    /// <summary>Up to <paramref name="limit"/> (0: all) matching objects after <paramref name="startAfter"/>, found by binary search.</summary>
    private static ListPage Page(SortedView view, ObjectFilter filter, long snapshotRv, string? startAfter, long limit)
    {
        var (start, end) = filter.Namespace is { } ns ? view.NamespaceRange(ns) : (0, view.Count);
        if (startAfter is not null)
        {
            start = Math.Max(start, view.UpperBound(startAfter));
        }
        var page = new List<StoredObject>(limit > 0 ? (int)Math.Min(limit, Math.Max(end - start, 0)) : 0);
        for (var i = start; i < end; i++)
        {
            var item = view[i];
            if (!filter.InNamespace(item) || !filter.Matches(item))
            {
                continue;
            }
            if (limit > 0 && page.Count == limit)
            {
                // Another match exists, so there is a next page. Without selectors every object left in range
                // matches, so kube-apiserver's remainingItemCount is the rest of the range.
                var next = ContinueToken.Encode(snapshotRv, page[^1].Key);
                return new ListPage(page, snapshotRv, next, filter.SelectsAll ? end - i : null);
            }
            page.Add(item);
        }
        return new ListPage(page, snapshotRv, null, null);
    }
}
