using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Api;

/// <summary>Measures how deeply JSON containers nest, without recursion, against <see cref="ApiLimits.MaxJsonDepth"/>.</summary>
internal static class JsonDepth
{
    /// <summary>Reader options that refuse anything nested deeper than the limit.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ApiLimits.MaxJsonDepth };

    /// <summary>Document options that refuse anything nested deeper than the limit.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ApiLimits.MaxJsonDepth };

    /// <summary>
    /// The nesting depth of <paramref name="node"/> (a scalar or null is 0, <c>{}</c> is 1), or any value above
    /// <paramref name="limit"/> as soon as one is found: a deeper value costs no more than one at the limit.
    /// </summary>
    public static int Of(JsonNode? node, int limit = ApiLimits.MaxJsonDepth)
    {
        if (node is not (JsonObject or JsonArray))
        {
            return 0;
        }

        var deepest = 0;
        var pending = new Stack<(JsonNode Node, int Depth)>();
        pending.Push((node, 1));
        while (pending.TryPop(out var item))
        {
            deepest = Math.Max(deepest, item.Depth);
            if (deepest > limit)
            {
                return deepest;
            }

            var children = item.Node is JsonObject obj ? obj.Select(p => p.Value) : (JsonArray)item.Node;
            foreach (var child in children)
            {
                if (child is JsonObject or JsonArray)
                {
                    pending.Push((child, item.Depth + 1));
                }
            }
        }

        return deepest;
    }
}
