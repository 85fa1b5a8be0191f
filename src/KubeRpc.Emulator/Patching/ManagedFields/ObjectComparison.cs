using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// What changed between two versions of an object (structured-merge-diff <c>TypedValue.Compare</c>): paths
/// added, modified and removed. A leaf (scalar, atomic map or list, or a map or list empty on both sides) is
/// modified when its value differs; a map, list item or associative list present on one side only is added or
/// removed together with everything below it.
/// </summary>
internal sealed class ObjectComparison
{
    private ObjectComparison(FieldSet added, FieldSet modified, FieldSet removed)
    {
        Added = added;
        Modified = modified;
        Removed = removed;
    }

    public FieldSet Added { get; }

    public FieldSet Modified { get; }

    public FieldSet Removed { get; }

    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    public static ObjectComparison Between(JsonObject lhs, JsonObject rhs, PatchSchemaNode root)
    {
        var result = new ObjectComparison(new FieldSet(), new FieldSet(), new FieldSet());
        result.Walk(new Side(lhs), new Side(rhs), root, []);
        return result;
    }

    /// <summary><c>ExcludeFields</c>: drops the given paths and everything below them (the strategy's reset fields).</summary>
    public ObjectComparison Excluding(FieldSet fields) =>
        new(Added.RecursiveDifference(fields), Modified.RecursiveDifference(fields), Removed.RecursiveDifference(fields));

    private void Walk(Side lhs, Side rhs, PatchSchemaNode node, List<PathElement> path)
    {
        if (lhs.Value is JsonObject || rhs.Value is JsonObject)
        {
            if (Mixed<JsonObject>(lhs, rhs) || node.Atomic || (Count(lhs) == 0 && Count(rhs) == 0))
            {
                Leaf(lhs, rhs, path);
                return;
            }

            var (left, right) = (lhs.Value as JsonObject, rhs.Value as JsonObject);
            var names = (left?.Select(p => p.Key) ?? []).Union(right?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
            foreach (var name in names)
            {
                Walk(Side.Member(left, name), Side.Member(right, name), node.Field(name), [.. path, PathElement.Field(name)]);
            }

            Container(lhs, rhs, path);
            return;
        }

        if (lhs.Value is JsonArray || rhs.Value is JsonArray)
        {
            if (Mixed<JsonArray>(lhs, rhs) || node.ListType == ApplyListType.Atomic || (Count(lhs) == 0 && Count(rhs) == 0))
            {
                Leaf(lhs, rhs, path);
                return;
            }

            var left = Items(lhs.Value as JsonArray, node);
            var right = Items(rhs.Value as JsonArray, node);
            foreach (var element in left.Keys.Union(right.Keys))
            {
                Walk(left.TryGetValue(element, out var l) ? new Side(l) : Side.Absent, right.TryGetValue(element, out var r) ? new Side(r) : Side.Absent,
                    node.Element, [.. path, element]);
            }

            Container(lhs, rhs, path);
            return;
        }

        Leaf(lhs, rhs, path);
    }

    private void Leaf(Side lhs, Side rhs, List<PathElement> path)
    {
        if (!lhs.Present)
        {
            Added.Insert(path);
        }
        else if (!rhs.Present)
        {
            Removed.Insert(path);
        }
        else if (!SmdValues.Equal(lhs.Value, rhs.Value))
        {
            Modified.Insert(path);
        }
    }

    private void Container(Side lhs, Side rhs, List<PathElement> path)
    {
        if (!lhs.Present)
        {
            Added.Insert(path);
        }
        else if (!rhs.Present)
        {
            Removed.Insert(path);
        }
    }

    /// <summary>A map (or list) on one side and something else on the other: compared as a whole.</summary>
    private static bool Mixed<T>(Side lhs, Side rhs) where T : JsonNode =>
        (lhs.Present && lhs.Value is not T) || (rhs.Present && rhs.Value is not T);

    private static int Count(Side side) => side.Value switch
    {
        JsonObject map => map.Count,
        JsonArray list => list.Count,
        _ => 0,
    };

    /// <summary>List items by identity; repeated identities after the first and items without one are ignored.</summary>
    private static Dictionary<PathElement, JsonNode?> Items(JsonArray? list, PatchSchemaNode node)
    {
        var items = new Dictionary<PathElement, JsonNode?>();
        foreach (var item in list ?? [])
        {
            if (ObjectFields.ItemElement(item, node) is { } element)
            {
                items.TryAdd(element, item);
            }
        }

        return items;
    }

    /// <summary>A value that may be missing altogether (a JSON null is present).</summary>
    private readonly record struct Side(JsonNode? Value, bool Present = true)
    {
        public static readonly Side Absent = new(null, false);

        public static Side Member(JsonObject? map, string name) =>
            map is not null && map.TryGetPropertyValue(name, out var value) ? new Side(value) : Absent;
    }
}
