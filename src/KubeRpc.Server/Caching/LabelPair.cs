namespace KubeRpc.Server.Caching;

/// <summary>One label, <c>key=value</c>: the key of the store's label index.</summary>
internal readonly record struct LabelPair(string Key, string Value)
{
    public override string ToString() => $"{Key}={Value}";
}
