using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Compares associative list keys (the key field values of an item) as <see cref="ApplyListMerge.Same"/> does,
/// with a hash, so that finding an item by key costs a lookup instead of a walk of the list.
/// </summary>
internal sealed class ListKeyComparer : IEqualityComparer<IReadOnlyList<JsonNode?>>
{
    public static readonly ListKeyComparer Instance = new();

    public bool Equals(IReadOnlyList<JsonNode?>? x, IReadOnlyList<JsonNode?>? y) =>
        ReferenceEquals(x, y) || ApplyListMerge.Same(x, y);

    public int GetHashCode(IReadOnlyList<JsonNode?> obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(GoValues.Hash(value));
        }

        return hash.ToHashCode();
    }
}
