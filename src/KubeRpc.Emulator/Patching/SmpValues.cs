using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Directive names of strategic merge patch and the clean-ups applied to patch values that land in the object
/// as they are. The real server also decodes the result into a typed Go object, which silently drops unknown
/// keys such as a stray directive and turns null members into omitted zero values; cleaning the values here
/// gives the stored JSON the same shape.
/// </summary>
internal static class SmpValues
{
    public const string Directive = "$patch";
    public const string Delete = "delete";
    public const string Replace = "replace";
    public const string Merge = "merge";
    public const string RetainKeys = "$retainKeys";
    public const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";
    public const string SetElementOrder = "$setElementOrder";

    public static bool IsDirectiveKey(string key) =>
        key == Directive || key == RetainKeys
        || key.StartsWith(DeleteFromPrimitiveList + "/", StringComparison.Ordinal)
        || key.StartsWith(SetElementOrder + "/", StringComparison.Ordinal);

    /// <summary>
    /// A value taken from the patch because the original lacks the key or holds another type:
    /// <c>discardNullValuesFromPatch</c> then <c>removeDirectives</c> (a map carrying <c>$patch</c> is dropped,
    /// also as a list element). Returns false when the value itself is such a map.
    /// </summary>
    public static bool TryTakeNew(JsonNode? value, out JsonNode? result)
    {
        result = null;
        switch (value)
        {
            case JsonObject obj when obj.ContainsKey(Directive):
                return false;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    if (child is not null && !IsDirectiveKey(key) && TryTakeNew(child, out var kept))
                    {
                        copy[key] = kept;
                    }
                }

                result = copy;
                return true;
            case JsonArray arr:
                var list = new JsonArray();
                foreach (var element in arr)
                {
                    if (TryTakeNew(element, out var kept))
                    {
                        list.Add(kept);
                    }
                }

                result = list;
                return true;
            default:
                result = value?.DeepClone();
                return true;
        }
    }

    /// <summary>
    /// A value the patch replaces wholesale (a list without merge strategy, a <c>$patch: replace</c> map, a
    /// list element appended by a merge): kept as sent, minus directive keys and null members.
    /// </summary>
    public static JsonNode? Replaced(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    if (child is not null && !IsDirectiveKey(key))
                    {
                        copy[key] = Replaced(child);
                    }
                }

                return copy;
            case JsonArray arr:
                return new JsonArray(arr.Select(Replaced).ToArray());
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>The node itself when free, else a copy, so it can be put into another container.</summary>
    public static JsonNode? Detached(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    public static JsonArray ToArray(IEnumerable<JsonNode?> items) => new(items.Select(Detached).ToArray());
}
