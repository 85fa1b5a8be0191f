namespace KubeRpc.Server.Caching;

/// <summary>
/// The identity of a namespaced object in the cache, client-go's <c>MetaNamespaceKeyFunc</c> as a value:
/// namespace, then name, compared ordinally (byte order, as kube-apiserver lists them).
/// </summary>
internal readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <summary>The ordinal (namespace, name) order every list of the cache uses.</summary>
    public static IComparer<ObjectKey> Comparer { get; } = Comparer<ObjectKey>.Default;

    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public static bool operator <(ObjectKey left, ObjectKey right) => left.CompareTo(right) < 0;

    public static bool operator >(ObjectKey left, ObjectKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(ObjectKey left, ObjectKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ObjectKey left, ObjectKey right) => left.CompareTo(right) >= 0;

    /// <summary><c>namespace/name</c>, the key format of client-go.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
