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
                return original.Where(item => !patch.Any(d => GoValues.ScalarEquals(d, item))).ToList();
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

                    while (Find(original, mergeKey, value) is { } index)
                    {
                        original = [.. original.Take(index), .. original.Skip(index + 1)];
                        for (var i = index; backing is not null && i < original.Count; i++)
                        {
                            backing[i] = original[i];
                        }
                    }

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

        return replace ? (plain.Select(SmpValues.Replaced).ToList(), [], true) : (original, plain, false);
    }

    /// <summary><c>mergeSliceWithoutSpecialElements</c>: merge into the first item with the same key, else append.</summary>
    private static List<JsonNode?> MergeByKey(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, PatchSchemaNode element,
        List<JsonNode?>? backing)
    {
        var merged = new List<JsonNode?>(original);
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var value))
            {
                throw SmpErrors.NoMergeKey(map, mergeKey);
            }

            if (Find(merged, mergeKey, value) is { } index)
            {
                merged[index] = SmpMapMerge.MergeMap((JsonObject)merged[index]!, map, element);
            }
            else
            {
                if (backing is not null && merged.Count < backing.Count)
                {
                    // Appending into a slot a deletion freed: visible through the original slice.
                    backing[merged.Count] = map;
                }

                merged.Add(SmpValues.Replaced(map));
            }
        }

        return merged;
    }

    /// <summary><c>findMapInSliceBasedOnKeyValue</c>: index of the first map whose key equals (Go ==) the value.</summary>
    public static int? Find(List<JsonNode?> list, string key, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject map)
            {
                throw SmpErrors.NotAMap(i);
            }

            if (map.TryGetPropertyValue(key, out var candidate) && GoValues.ScalarEquals(candidate, value))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Splits items into those present in <paramref name="by"/> (by merge key, or by value) and the rest.</summary>
    public static (List<JsonNode?> Present, List<JsonNode?> Absent) Partition(List<JsonNode?> items, List<JsonNode?> by, string mergeKey)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in items)
        {
            bool found;
            if (mergeKey.Length == 0)
            {
                found = by.Any(b => GoValues.ScalarEquals(b, item));
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

                found = Find(by, mergeKey, value) is not null;
            }

            (found ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>
    /// <c>deduplicateScalars</c>: each later duplicate is overwritten by the current last element and the list
    /// shortened, which reorders the tail exactly as Go does.
    /// </summary>
    private static List<JsonNode?> DeduplicateScalars(List<JsonNode?> s)
    {
        var length = s.Count - 1;
        for (var i = 0; i < length; i++)
        {
            for (var j = i + 1; j <= length; j++)
            {
                if (GoValues.ScalarEquals(s[i], s[j]))
                {
                    s[j] = s[length];
                    s.RemoveAt(length);
                    length--;
                    j--;
                }
            }
        }

        return s;
    }
}
