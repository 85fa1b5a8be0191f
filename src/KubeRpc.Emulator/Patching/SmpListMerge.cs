using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>strategicpatch's list handling: <c>mergeSliceHandler</c>, <c>mergeSlice</c> and their helpers.</summary>
/// <remarks>
/// Go deletes list items with <c>append(s[:i], s[i+1:]...)</c> and appends new ones in place, so the caller's
/// slice header over the same array afterwards shows the shifted items and, in the freed slots, the appended
/// ones. The <c>$setElementOrder</c> code orders by that view of the "original" list; <c>backing</c> reproduces it.
/// </remarks>
internal static class SmpListMerge
{
    /// <summary>Merge lists and deletion lists are merged; every other list is replaced by the patch list.</summary>
    /// <param name="backing">When given, receives Go's post-merge view of the original slice (same length).</param>
    public static List<JsonNode?> MergeSliceHandler(JsonArray original, JsonArray patch, PatchSchemaNode field, bool isDeleteList,
        List<JsonNode?>? backing = null)
    {
        if (field.MergeList || isDeleteList)
        {
            return MergeSlice([.. original], [.. patch], field, isDeleteList, backing);
        }

        return patch.Select(SmpValues.Replaced).ToList();
    }

    private static List<JsonNode?> MergeSlice(List<JsonNode?> original, List<JsonNode?> patch, PatchSchemaNode field, bool isDeleteList,
        List<JsonNode?>? backing)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var kind = ElementKind(original, patch);
        var mergeKey = field.MergeKey;
        List<JsonNode?> merged;
        if (kind != GoKind.Map)
        {
            if (isDeleteList)
            {
                var deleted = SmpListIndex.OfValues(patch);
                return original.Where(item => !deleted.Contains(item)).ToList();
            }

            merged = DeduplicateScalars([.. original, .. patch]);
        }
        else
        {
            if (mergeKey.Length == 0)
            {
                throw SmpErrors.NoMergeKeyDeclared();
            }

            (original, patch, var replaced) = ApplySpecialElements(original, patch, mergeKey, backing);
            merged = MergeByKey(original, patch, mergeKey, field.Element, replaced ? null : backing);
        }

        var (patchItems, serverOnly) = Partition(merged, patch, mergeKey);
        return SmpElementOrder.Normalize(patchItems, serverOnly, patch, original, mergeKey, kind);
    }

    /// <summary>
    /// <c>sliceElementType</c>: all elements of all lists must have one Go type, and it must not be a list.
    /// Empty lists are treated as lists of maps when a merge key is declared (the Go code never sees them,
    /// because typed objects omit empty lists).
    /// </summary>
    public static GoKind ElementKind(List<JsonNode?> original, List<JsonNode?> patch)
    {
        GoKind? kind = null;
        foreach (var item in original.Concat(patch))
        {
            var current = GoValues.KindOf(item);
            if (kind is null)
            {
                if (current == GoKind.Slice)
                {
                    throw SmpErrors.NoListOfLists();
                }

                kind = current;
            }
            else if (kind != current)
            {
                throw SmpErrors.ElementTypesDiffer(original, patch);
            }
        }

        return kind ?? GoKind.Map;
    }

    /// <summary>
    /// <c>mergeSliceWithSpecialElements</c>: <c>{"$patch":"delete", key: v}</c> removes every original item with
    /// that key, <c>{"$patch":"replace"}</c> makes the rest of the patch list the whole result.
    /// </summary>
    private static (List<JsonNode?> Original, List<JsonNode?> Patch, bool Replaced) ApplySpecialElements(
        List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, List<JsonNode?>? backing)
    {
        var plain = new List<JsonNode?>();
        var deletions = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(SmpValues.Directive, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (GoValues.KindOf(directive) == GoKind.String ? directive!.GetValue<string>() : null)
            {
                case SmpValues.Delete:
                    if (!map.TryGetPropertyValue(mergeKey, out var value))
                    {
                        throw SmpErrors.NoMergeKey(map, mergeKey);
                    }

                    deletions.Add(value);
                    break;
                case SmpValues.Replace:
                    replace = true;
                    break;
                case SmpValues.Merge:
                    throw SmpErrors.MergeDirectiveInList();
                default:
                    throw SmpErrors.BadPatchType(directive, map);
            }
        }

        original = DeleteMatching(original, mergeKey, deletions, backing);
        return replace ? (plain.Select(SmpValues.Replaced).ToList(), [], true) : (original, plain, false);
    }

    /// <summary>
    /// <c>deleteMatchingEntries</c> for each deletion in turn: every item whose merge key equals it goes, the first
    /// one first. Go removes an item with <c>append(s[:i], s[i+1:]...)</c>, which leaves the slot past the new end
    /// holding the list's last item at that moment; <paramref name="backing"/> gets the same picture.
    /// </summary>
    private static List<JsonNode?> DeleteMatching(List<JsonNode?> original, string mergeKey, List<JsonNode?> deletions,
        List<JsonNode?>? backing)
    {
        if (deletions.Count == 0)
        {
            return original;
        }

        // Every item is a map here (sliceElementType checked it), so each deletion finds its matches in order.
        var index = SmpListIndex.OfMaps(original, mergeKey);
        var deleted = new bool[original.Count];
        var length = original.Count;
        var last = original.Count - 1;
        foreach (var value in deletions)
        {
            foreach (var position in index.PositionsOf(value))
            {
                if (deleted[position])
                {
                    continue;
                }

                length--;
                if (backing is not null)
                {
                    backing[length] = original[last];
                }

                deleted[position] = true;
                while (last >= 0 && deleted[last])
                {
                    last--;
                }
            }
        }

        var kept = original.Where((_, i) => !deleted[i]).ToList();
        for (var i = 0; backing is not null && i < kept.Count; i++)
        {
            backing[i] = kept[i];
        }

        return kept;
    }

    /// <summary><c>mergeSliceWithoutSpecialElements</c>: merge into the first item with the same key, else append.</summary>
    private static List<JsonNode?> MergeByKey(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, PatchSchemaNode element,
        List<JsonNode?>? backing)
    {
        var merged = new List<JsonNode?>(original);
        var index = SmpListIndex.OfMaps(merged, mergeKey);
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var value))
            {
                throw SmpErrors.NoMergeKey(map, mergeKey);
            }

            if (index.Find(value) is { } position)
            {
                index.Forget(position, merged[position]);
                merged[position] = SmpMapMerge.MergeMap((JsonObject)merged[position]!, map, element);
                index.Restore(position, merged[position]);
            }
            else
            {
                if (backing is not null && merged.Count < backing.Count)
                {
                    // Appending into a slot a deletion freed: visible through the original slice.
                    backing[merged.Count] = map;
                }

                var added = SmpValues.Replaced(map);
                merged.Add(added);
                index.Add(added);
            }
        }

        return merged;
    }

    /// <summary>Splits items into those present in <paramref name="by"/> (by merge key, or by value) and the rest.</summary>
    public static (List<JsonNode?> Present, List<JsonNode?> Absent) Partition(List<JsonNode?> items, List<JsonNode?> by, string mergeKey)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        var index = mergeKey.Length == 0 ? SmpListIndex.OfValues(by) : SmpListIndex.OfMaps(by, mergeKey);
        foreach (var item in items)
        {
            bool found;
            if (mergeKey.Length == 0)
            {
                found = index.Contains(item);
            }
            else
            {
                if (item is not JsonObject map)
                {
                    throw SmpErrors.ExpectedMap(item);
                }

                if (!map.TryGetPropertyValue(mergeKey, out var value))
                {
                    throw SmpErrors.NoMergeKey(map, mergeKey);
                }

                found = index.Find(value) is not null;
            }

            (found ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>
    /// <c>deduplicateScalars</c>: each later duplicate is overwritten by the current last element and the list
    /// shortened, which reorders the tail exactly as Go does. Go's double loop finds, for each item in turn, the next
    /// later position holding the same value; the positions of each value are kept sorted to find it directly.
    /// </summary>
    private static List<JsonNode?> DeduplicateScalars(List<JsonNode?> s)
    {
        var index = SmpListIndex.OfValues(s);
        var length = s.Count - 1;
        for (var i = 0; i < length; i++)
        {
            while (index.NextAfter(s[i], i) is { } j)
            {
                var last = s[length];
                index.Forget(j, s[j]);
                index.Forget(length, last);
                if (j != length)
                {
                    // The last element moves into the duplicate's place and is looked at again there.
                    s[j] = last;
                    index.Restore(j, last);
                }

                s.RemoveAt(length);
                length--;
            }
        }

        return s;
    }
}
