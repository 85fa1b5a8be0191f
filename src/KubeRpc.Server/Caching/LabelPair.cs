namespace KubeRpc.Server.Caching;

/// <summary>One label, <c>key=value</c>: the key of the store's label index.</summary>
internal readonly record struct LabelPair(string Key, string Value)
{
    public override string ToString() => $"{Key}={Value}";

    /// <summary>Same keys and values (the order of a proto map is not meaningful).</summary>
    public static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
