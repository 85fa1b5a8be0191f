using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Go's <c>==</c> on decoded JSON values (<see cref="GoValues.ScalarEquals"/>) with a hash, so that strategic merge
/// patch finds list items by merge key or value with a lookup instead of a walk of the list.
/// </summary>
internal sealed class GoValueComparer : IEqualityComparer<JsonNode?>
{
    public static readonly GoValueComparer Instance = new();

    public bool Equals(JsonNode? x, JsonNode? y) => GoValues.ScalarEquals(x, y);

    public int GetHashCode(JsonNode? obj) => GoValues.Hash(obj);
}
