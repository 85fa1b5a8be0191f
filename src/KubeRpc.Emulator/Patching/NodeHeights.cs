using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// How tall the containers of a document being patched are (a scalar is 0, <c>{}</c> is 1), worked out without
/// recursion and remembered, so that judging where an operation puts a value costs that value's new nodes once,
/// not a walk of it per operation (a patch could otherwise move one big subtree back and forth 10000 times).
/// </summary>
/// <remarks>
/// An insertion raises the remembered heights of the containers above it; a removal lowers none. The heights are
/// so upper bounds: exact until something is removed below them, never too low.
/// </remarks>
internal sealed class NodeHeights
{
    private readonly Dictionary<JsonNode, int> _heights = new(ReferenceEqualityComparer.Instance);

    /// <summary>The height of <paramref name="node"/>; its containers not seen before are measured once.</summary>
    public int Of(JsonNode? node)
    {
        if (!IsContainer(node))
        {
            return 0;
        }

        if (_heights.TryGetValue(node!, out var known))
        {
            return known;
        }

        // Post-order with an explicit stack: a container is measured once its children are.
        var pending = new Stack<(JsonNode Node, bool ChildrenDone)>();
        pending.Push((node!, false));
        while (pending.TryPop(out var entry))
        {
            if (_heights.ContainsKey(entry.Node))
            {
                continue;
            }

            if (!entry.ChildrenDone)
            {
                pending.Push((entry.Node, true));
                foreach (var child in Children(entry.Node))
                {
                    if (IsContainer(child) && !_heights.ContainsKey(child!))
                    {
                        pending.Push((child!, false));
                    }
                }

                continue;
            }

            var height = 1;
            foreach (var child in Children(entry.Node))
            {
                if (IsContainer(child))
                {
                    height = Math.Max(height, _heights[child!] + 1);
                }
            }

            _heights[entry.Node] = height;
        }

        return _heights[node!];
    }

    /// <summary>After <paramref name="value"/> was put into <paramref name="container"/>: everything above it is at least that tall.</summary>
    public void Inserted(JsonNode container, JsonNode? value)
    {
        var height = Of(value) + 1;
        for (var node = container; node is not null; node = node.Parent, height++)
        {
            if (_heights.TryGetValue(node, out var known) && known < height)
            {
                _heights[node] = height;
            }
        }
    }

    private static bool IsContainer(JsonNode? node) => node is JsonObject or JsonArray;

    private static IEnumerable<JsonNode?> Children(JsonNode node) => node is JsonObject obj ? obj.Select(p => p.Value) : (JsonArray)node;
}
