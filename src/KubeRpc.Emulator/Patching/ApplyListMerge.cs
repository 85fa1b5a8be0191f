using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Merges an associative list (<c>+listType=map</c> or <c>set</c>) the way structured-merge-diff's merging
/// walker does: live and applied lists are walked together; live-only items stay where they are, applied items
/// come in applied order, and an item new to the live list is placed before the next shared item that follows
/// it in the applied list.
/// </summary>
internal static class ApplyListMerge
{
    public static List<JsonNode?> Merge(JsonArray live, JsonArray applied, PatchSchemaNode node)
    {
        var liveKeys = live.Select(item => Key(item, node)).ToList();
        var appliedKeys = applied.Select(item => Key(item, node)).ToList();

        // Items are found by key through hashes, so merging costs the lists' lengths, not their product.
        var inApplied = appliedKeys.OfType<IReadOnlyList<JsonNode?>>().ToHashSet(ListKeyComparer.Instance);
        var livePositions = new Dictionary<IReadOnlyList<JsonNode?>, int>(ListKeyComparer.Instance);
        for (var i = 0; i < liveKeys.Count; i++)
        {
            if (liveKeys[i] is { } key)
            {
                livePositions.TryAdd(key, i);
            }
        }

        bool InApplied(int i) => liveKeys[i] is { } key && inApplied.Contains(key);
        int? LiveIndex(IReadOnlyList<JsonNode?>? key) => key is not null && livePositions.TryGetValue(key, out var i) ? i : null;

        var shared = new Queue<IReadOnlyList<JsonNode?>>(appliedKeys.Where(k => LiveIndex(k) is not null)!);
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var emitted = new HashSet<IReadOnlyList<JsonNode?>>(ListKeyComparer.Instance);
        var result = new List<JsonNode?>();
        int l = 0, r = 0;
        while (l < live.Count || r < applied.Count)
        {
            if (l < live.Count && r < applied.Count)
            {
                if (Same(liveKeys[l], appliedKeys[r]))
                {
                    result.Add(ApplyMerge.MergeValue(live[l], applied[r], node.Element));
                    emitted.Add(appliedKeys[r]!);
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }

                if (InApplied(l) && nextShared is not null && !Same(nextShared, liveKeys[l]))
                {
                    // A shared item that comes later in the applied order: it is emitted when the applied walk reaches it.
                    l++;
                    continue;
                }
            }

            if (l < live.Count)
            {
                if (!InApplied(l))
                {
                    result.Add(live[l]);
                    l++;
                    continue;
                }

                if (liveKeys[l] is { } liveKey && emitted.Contains(liveKey))
                {
                    l++;
                    continue;
                }
            }

            if (r < applied.Count)
            {
                var key = appliedKeys[r]!;
                var match = LiveIndex(key);
                result.Add(match is { } m ? ApplyMerge.MergeValue(live[m], applied[r], node.Element) : ApplyMerge.Applied(applied[r]));
                emitted.Add(key);
                if (nextShared is not null && Same(nextShared, key))
                {
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                }

                r++;
            }
        }

        return result;
    }

    /// <summary>The identity of an item: its key field values (defaults filled in) or, in a set, the value itself.</summary>
    internal static IReadOnlyList<JsonNode?>? Key(JsonNode? item, PatchSchemaNode node)
    {
        if (node.ListType == ApplyListType.Set)
        {
            return item is JsonObject or JsonArray or null ? null : [item];
        }

        if (item is not JsonObject map)
        {
            return null;
        }

        var key = new List<JsonNode?>();
        foreach (var field in node.ListMapKeys)
        {
            if (map.TryGetPropertyValue(field, out var value))
            {
                key.Add(value);
            }
            else if (node.KeyDefaults.TryGetValue(field, out var fallback))
            {
                key.Add(fallback);
            }
            else
            {
                return null;
            }
        }

        return key;
    }

    internal static bool Same(IReadOnlyList<JsonNode?>? a, IReadOnlyList<JsonNode?>? b) =>
        a is not null && b is not null && a.Count == b.Count && a.Zip(b).All(p => JsonNode.DeepEquals(p.First, p.Second));
}
