namespace KubeRpc.Server.Kinds;

/// <summary>
/// The field selector labels a kind supports beyond <c>metadata.name</c> and <c>metadata.namespace</c>
/// (kube-apiserver's <c>ToSelectableFields</c> of the kind), shared by every cached object of that kind.
/// </summary>
internal sealed class SelectableFields
{
    /// <summary>Ingresses and most kinds: metadata fields only.</summary>
    public static SelectableFields MetadataOnly { get; } = new([]);

    public SelectableFields(IReadOnlyList<string> names) => Names = names;

    /// <summary>The field labels, in the order of each object's values.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether <paramref name="field"/> may appear in a field selector for this kind.</summary>
    public bool Supports(string field) =>
        field is "metadata.name" or "metadata.namespace" || IndexOf(field) >= 0;

    internal int IndexOf(string field)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], field, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
