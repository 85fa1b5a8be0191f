using KubeRpc.Server.Kinds;
using KubeRpc.Server.Wire;

namespace KubeRpc.Server.Caching;

/// <summary>
/// One object as the cache holds it: the protobuf encoding of the message the RPCs return (built once per change,
/// then copied to the wire by every Get, List and watch event that carries it), with what lookups and selectors
/// need beside it. Keeping bytes instead of the message object graph costs about a third of the memory, and a
/// read never encodes anything.
/// </summary>
/// <typeparam name="TProto">The proto message the bytes encode, e.g. <c>KubeRpc.V1.Service</c>.</typeparam>
internal sealed class CachedObject<TProto> : EncodedMessage where TProto : class
{
    private readonly byte[] _encoded;
    private readonly SelectableFields _fields;
    private readonly string?[] _fieldValues;

    public CachedObject(ObjectKey key, long resourceVersion, byte[] encoded, LabelSet? labels, SelectableFields fields, string?[] fieldValues)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(fieldValues);
        if (fieldValues.Length != fields.Names.Count)
        {
            throw new ArgumentException($"expected {fields.Names.Count} field values", nameof(fieldValues));
        }
        Key = key;
        ResourceVersion = resourceVersion;
        _encoded = encoded;
        Labels = labels ?? LabelSet.Empty;
        _fields = fields;
        _fieldValues = fieldValues;
    }

    /// <summary>A stand-in holding only a key, to search the store's sorted sets.</summary>
    private CachedObject(ObjectKey key)
    {
        Key = key;
        _encoded = [];
        Labels = LabelSet.Empty;
        _fields = SelectableFields.MetadataOnly;
        _fieldValues = [];
    }

    public ObjectKey Key { get; }

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    /// <summary><c>metadata.resourceVersion</c> as the number kube-apiserver hands out.</summary>
    public long ResourceVersion { get; }

    /// <summary>The protobuf encoding of the object; shared, never to be changed.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary><c>metadata.labels</c>.</summary>
    public LabelSet Labels { get; }

    public override int Length => _encoded.Length;

    public override void WriteTo(Span<byte> destination) => _encoded.CopyTo(destination);

    /// <summary>
    /// A field selector's value for this object: <c>metadata.name</c>, <c>metadata.namespace</c> and the kind's
    /// own selectable fields (for Services <c>spec.clusterIP</c>, <c>spec.type</c>); false for any other field.
    /// </summary>
    public bool TryGetField(string field, out string value)
    {
        switch (field)
        {
            case "metadata.name":
                value = Name;
                return true;
            case "metadata.namespace":
                value = Namespace;
                return true;
        }
        var index = _fields.IndexOf(field);
        // kube-apiserver selects on Go zero values, so an absent field matches "".
        value = index >= 0 ? _fieldValues[index] ?? "" : "";
        return index >= 0;
    }

    internal static CachedObject<TProto> Probe(ObjectKey key) => new(key);

    public override string ToString() => $"{Key}@{ResourceVersion}";
}
