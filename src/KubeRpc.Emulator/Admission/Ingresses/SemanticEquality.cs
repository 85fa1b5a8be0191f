using System.Text.Json.Nodes;
using k8s;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// A stand-in for apimachinery's <c>equality.Semantic.DeepEqual</c> on API structs: compares the JSON forms,
/// treating an absent list like an empty one (Go's semantic equality treats nil and empty slices alike).
/// </summary>
internal static class SemanticEquality
{
    /// <summary>True when both values serialise to the same JSON once nulls and empty lists are dropped.</summary>
    public static bool Equal(object? a, object? b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));

    private static JsonNode? Normalize(object? value)
    {
        if (value is null)
        {
            return null;
        }
        var node = JsonNode.Parse(KubernetesJson.Serialize(value));
        Strip(node);
        return node;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    Strip(child);
                    if (child is null || child is JsonArray { Count: 0 })
                    {
                        obj.Remove(key);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strip(child);
                }
                break;
        }
    }
}
