using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// strategicpatch's <c>mergeMap</c>: merges a patch map into an original map, in place. Both arguments are
/// working copies owned by the caller; the patch is consumed (directives are removed from it as they apply).
/// </summary>
internal static class SmpMapMerge
{
    public static JsonObject MergeMap(JsonObject original, JsonObject patch, PatchSchemaNode schema)
    {
        if (patch.TryGetPropertyValue(SmpValues.Directive, out var directive))
        {
            return HandleDirective(directive, patch);
        }

        ApplyRetainKeys(original, patch);
        SmpElementOrder.Apply(original, patch, schema);

        foreach (var (patchKey, patchValue) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = false;
            if (key.StartsWith(SmpValues.DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                key = ExtractKey(key, SmpValues.DeleteFromPrimitiveList) ?? throw SmpErrors.BadPatchFormatForPrimitiveList();
                isDeleteList = true;
            }

            if (patchValue is null)
            {
                // IgnoreUnmatchedNulls: a null deletes the key (also the list a deletion list names) and is dropped.
                original.Remove(key);
                continue;
            }

            if (!original.TryGetPropertyValue(key, out var current) || GoValues.KindOf(current) != GoValues.KindOf(patchValue))
            {
                // Not in the original, or of another type: the patch value is taken (a deletion list never is).
                if (!isDeleteList)
                {
                    SetOrRemove(original, key, patchValue);
                }

                continue;
            }

            var field = schema.Field(key);
            switch (current)
            {
                case JsonObject currentMap:
                    var merged = field.ReplaceMap
                        ? (JsonObject)SmpValues.Replaced(patchValue)!
                        : MergeMap(currentMap, (JsonObject)patchValue, field);
                    Set(original, key, merged);
                    break;
                case JsonArray currentList:
                    var list = SmpListMerge.MergeSliceHandler(currentList, (JsonArray)patchValue, field, isDeleteList);
                    Set(original, key, SmpValues.ToArray(list));
                    break;
                default:
                    SetOrRemove(original, key, patchValue);
                    break;
            }
        }

        return original;
    }

    /// <summary><c>$patch</c> on a map: <c>replace</c> takes the patch map as is, <c>delete</c> leaves an empty map.</summary>
    private static JsonObject HandleDirective(JsonNode? directive, JsonObject patch)
    {
        var name = GoValues.KindOf(directive) == GoKind.String ? directive!.GetValue<string>() : null;
        switch (name)
        {
            case SmpValues.Replace:
                patch.Remove(SmpValues.Directive);
                return (JsonObject)SmpValues.Replaced(patch)!;
            case SmpValues.Delete:
                return new JsonObject();
            default:
                throw SmpErrors.BadPatchType(directive, patch);
        }
    }

    /// <summary>
    /// <c>$retainKeys</c>: every non-null, non-directive patch key must be listed, and original keys that are
    /// not listed are cleared.
    /// </summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(SmpValues.RetainKeys, out var retain))
        {
            return;
        }

        patch.Remove(SmpValues.RetainKeys);
        if (retain is not JsonArray retained)
        {
            throw SmpErrors.BadPatchFormatForRetainKeys();
        }

        var names = retained.Where(r => GoValues.KindOf(r) == GoKind.String).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        bool Listed(string key) => names.Contains(key);
        foreach (var (key, value) in patch)
        {
            if (value is not null && !key.StartsWith(SmpValues.DeleteFromPrimitiveList, StringComparison.Ordinal)
                && !key.StartsWith(SmpValues.SetElementOrder, StringComparison.Ordinal) && !Listed(key))
            {
                throw SmpErrors.BadPatchFormatForRetainKeys();
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !Listed(k)).ToList())
        {
            original.Remove(key);
        }
    }

    /// <summary><c>extractKey</c>: the list name after <c>prefix/</c>, or null for a malformed directive.</summary>
    public static string? ExtractKey(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || key[..slash] != prefix ? null : key[(slash + 1)..];
    }

    private static void SetOrRemove(JsonObject original, string key, JsonNode patchValue)
    {
        if (SmpValues.TryTakeNew(patchValue, out var value))
        {
            Set(original, key, value);
        }
        else
        {
            original.Remove(key);
        }
    }

    private static void Set(JsonObject target, string key, JsonNode? value)
    {
        if (!ReferenceEquals(target[key], value))
        {
            target[key] = SmpValues.Detached(value);
        }
    }
}
