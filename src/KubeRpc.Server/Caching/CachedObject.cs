namespace KubeRpc.Server.Caching;

/// <summary>
/// One object as the cache holds it: the proto message the RPCs return, built once per change and shared by
/// every read (never mutate it), with what lookups and selectors need beside it.
/// </summary>
/// <typeparam name="TProto">The proto message, e.g. <c>KubeRpc.V1.Service</c>.</typeparam>
internal sealed class CachedObject<TProto> where TProto : class
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly SelectableFields _fields;
    private readonly string?[] _fieldValues;

    public CachedObject(ObjectKey key, long resourceVersion, TProto value, IReadOnlyDictionary<string, string>? labels,
        SelectableFields fields, string?[] fieldValues)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(fieldValues);
        if (fieldValues.Length != fields.Names.Count)
        {
            throw new ArgumentException($"expected {fields.Names.Count} field values", nameof(fieldValues));
        }
        Key = key;
        ResourceVersion = resourceVersion;
        Value = value;
        Labels = labels ?? NoLabels;
        _fields = fields;
        _fieldValues = fieldValues;
    }

    /// <summary>A stand-in holding only a key, to search the store's sorted sets.</summary>
    private CachedObject(ObjectKey key)
    {
        Key = key;
        Value = null!;
        Labels = NoLabels;
        _fields = SelectableFields.MetadataOnly;
        _fieldValues = [];
    }

    public ObjectKey Key { get; }

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    /// <summary><c>metadata.resourceVersion</c> as the number kube-apiserver hands out.</summary>
    public long ResourceVersion { get; }

    /// <summary>The proto projection; shared, read-only by contract.</summary>
    public TProto Value { get; }

    /// <summary><c>metadata.labels</c> (a view over the proto's map, not a copy).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

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
