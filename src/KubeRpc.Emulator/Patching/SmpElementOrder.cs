using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Ordering in strategic merge patch: the <c>$setElementOrder/&lt;list&gt;</c> directive
/// (<c>mergePatchIntoOriginal</c>) and <c>normalizeElementOrder</c>, which every merged list goes through.
/// </summary>
/// <remarks>
/// Items named by the order list (or, without one, items in the patch) are sorted by that order; the other
/// items (server-only) keep their live order; the two runs are then interleaved: a server-only item is emitted
/// before the next patch item only when both are in the live list and it comes first there. So items new to the
/// live list come before the server-only items that follow them (a new finalizer lands in front).
/// </remarks>
internal static class SmpElementOrder
{
    public static void Apply(JsonObject original, JsonObject patch, PatchSchemaNode schema)
    {
        foreach (var (key, patchValue) in patch.ToList())
        {
            if (!key.StartsWith(SmpValues.SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            patch.Remove(key);
            if (patchValue is not JsonArray orderArray)
            {
                throw SmpErrors.ExpectedSlice(patchValue);
            }

            var listKey = SmpMapMerge.ExtractKey(key, SmpValues.SetElementOrder) ?? throw SmpErrors.BadPatchFormatForSetElementOrderList();
            var foundOriginal = original.TryGetPropertyValue(listKey, out var originalValue);
            var foundPatch = patch.TryGetPropertyValue(listKey, out var patchList);
            if (foundOriginal && originalValue is not JsonArray)
            {
                throw SmpErrors.ExpectedSlice(originalValue);
            }

            if (foundPatch && patchList is not JsonArray)
            {
                throw SmpErrors.ExpectedSlice(patchList);
            }

            List<JsonNode?> order = [.. orderArray];
            List<JsonNode?> originalItems = foundOriginal ? [.. (JsonArray)originalValue!] : [];
            List<JsonNode?> patchItems = foundPatch ? [.. (JsonArray)patchList!] : [];
            var field = schema.Field(listKey);
            Validate(patchItems, order, field.MergeKey);

            List<JsonNode?> merged;
            if (foundOriginal && foundPatch)
            {
                merged = SmpListMerge.MergeSliceHandler((JsonArray)originalValue!, (JsonArray)patchList!, field, isDeleteList: false,
                    backing: originalItems);
            }
            else if (foundPatch)
            {
                SmpValues.TryTakeNew(patchList, out var taken);
                merged = [.. (JsonArray)taken!];
            }
            else if (foundOriginal)
            {
                merged = originalItems;
            }
            else
            {
                continue;
            }

            var (named, serverOnly) = SmpListMerge.Partition(merged, order, field.MergeKey);
            var kind = SmpListMerge.ElementKind(originalItems, patchItems);
            original[listKey] = SmpValues.ToArray(Normalize(named, serverOnly, order, originalItems, field.MergeKey, kind));
            patch.Remove(listKey);
        }
    }

    /// <summary>
    /// <c>validatePatchWithSetOrderList</c>: the patch items (deletions and directive items aside) must appear in
    /// the order list, in the same relative order.
    /// </summary>
    private static void Validate(List<JsonNode?> patchItems, List<JsonNode?> order, string mergeKey)
    {
        if (order.Count == 0 || patchItems.Count == 0)
        {
            return;
        }

        var kept = mergeKey.Length > 0 ? SplitDeletions(patchItems).Kept : patchItems;
        int p = 0, o = 0;
        while (p < kept.Count && o < order.Count)
        {
            if (kept[p] is JsonObject item && item.ContainsKey(SmpValues.Directive))
            {
                p++;
                continue;
            }

            if (MergeKeyValueEqual(kept[p], order[o], mergeKey))
            {
                p++;
            }

            o++;
        }

        if (p < kept.Count && o >= order.Count)
        {
            throw SmpErrors.OrderMismatch(patchItems, order);
        }
    }

    private static bool MergeKeyValueEqual(JsonNode? left, JsonNode? right, string mergeKey)
    {
        if (mergeKey.Length == 0)
        {
            return GoValues.ScalarEquals(left, right);
        }

        var l = left as JsonObject ?? throw SmpErrors.ExpectedMap(left);
        var r = right as JsonObject ?? throw SmpErrors.ExpectedMap(right);
        if (!l.TryGetPropertyValue(mergeKey, out var lv))
        {
            throw SmpErrors.NoMergeKey(l, mergeKey);
        }

        if (!r.TryGetPropertyValue(mergeKey, out var rv))
        {
            throw SmpErrors.NoMergeKey(r, mergeKey);
        }

        return GoValues.ScalarEquals(lv, rv);
    }

    /// <summary><c>normalizeElementOrder</c>.</summary>
    public static List<JsonNode?> Normalize(List<JsonNode?> patch, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder,
        List<JsonNode?> serverOrder, string mergeKey, GoKind kind)
    {
        patch = SortBy(patch, patchOrder, mergeKey, kind);
        serverOnly = SortBy(serverOnly, serverOrder, mergeKey, kind);

        // mergeSortedSlice: take the server-only item first only if both are live and it precedes there.
        var live = SmpListIndex.Of(serverOrder, mergeKey, kind);
        var result = new List<JsonNode?>(patch.Count + serverOnly.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count && j < patch.Count)
        {
            var li = live.IndexOf(serverOnly[i]);
            var ri = live.IndexOf(patch[j]);
            result.Add(li >= 0 && ri >= 0 && li < ri ? serverOnly[i++] : patch[j++]);
        }

        result.AddRange(serverOnly.Skip(i));
        result.AddRange(patch.Skip(j));
        return result;
    }

    /// <summary><c>normalizeSliceOrder</c>: stable sort by position in <paramref name="order"/>; deletions go last.</summary>
    private static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string mergeKey, GoKind kind)
    {
        List<JsonNode?> deletions = [];
        if (kind == GoKind.Map)
        {
            foreach (var item in items.Concat(order))
            {
                var map = item as JsonObject ?? throw SmpErrors.ExpectedMap(item);
                if (!map.ContainsKey(mergeKey))
                {
                    throw SmpErrors.NoMergeKey(map, mergeKey);
                }
            }

            (items, deletions) = SplitDeletions(items);
        }

        // Positions are looked up once per item: the comparator runs O(n log n) times.
        var positions = SmpListIndex.Of(order, mergeKey, kind);
        var keyed = items.Select(item => (Item: item, Position: positions.IndexOf(item))).ToList();
        GoStableSort.Sort(keyed, (a, b) => a.Position < 0 || b.Position < 0 || a.Position < b.Position);
        return [.. keyed.Select(k => k.Item), .. deletions];
    }

    /// <summary><c>extractToDeleteItems</c>.</summary>
    private static (List<JsonNode?> Kept, List<JsonNode?> Deletions) SplitDeletions(List<JsonNode?> items)
    {
        var kept = new List<JsonNode?>();
        var deletions = new List<JsonNode?>();
        foreach (var item in items)
        {
            var map = item as JsonObject ?? throw SmpErrors.ExpectedMap(item);
            var isDelete = map.TryGetPropertyValue(SmpValues.Directive, out var d)
                && GoValues.ScalarEquals(d, JsonValue.Create(SmpValues.Delete));
            (isDelete ? deletions : kept).Add(item);
        }

        return (kept, deletions);
    }
}
