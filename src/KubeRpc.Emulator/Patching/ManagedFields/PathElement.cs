using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>What a <see cref="PathElement"/> selects; the order is structured-merge-diff's sort order.</summary>
internal enum PathElementKind
{
    Field,
    Key,
    Value,
    Index,
}

/// <summary>
/// One step of a field path (structured-merge-diff <c>fieldpath.PathElement</c>): a field name, the key fields of
/// a list-map item (sorted by name), the value of a set item, or an index. Serialized in fieldsV1 as
/// <c>f:name</c>, <c>k:{"port":80,"protocol":"TCP"}</c>, <c>v:"kubernetes"</c> and <c>i:0</c>.
/// </summary>
internal sealed class PathElement : IComparable<PathElement>, IEquatable<PathElement>
{
    // What CompareTo and GetHashCode look at, worked out once: sets compare elements many times.
    private readonly SmdScalar[] _keyValues;
    private readonly SmdScalar _value;

    private PathElement(PathElementKind kind, string name = "", IReadOnlyList<KeyValuePair<string, JsonNode?>>? key = null,
        JsonNode? value = null, int index = 0)
    {
        Kind = kind;
        Name = name;
        Key = key ?? [];
        Value = value;
        Index = index;
        _keyValues = Key.Select(f => SmdScalar.Of(f.Value)).ToArray();
        _value = kind == PathElementKind.Value ? SmdScalar.Of(value) : default;
    }

    public PathElementKind Kind { get; }

    public string Name { get; }

    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Key { get; }

    public JsonNode? Value { get; }

    public int Index { get; }

    public static PathElement Field(string name) => new(PathElementKind.Field, name);

    public static PathElement KeyOf(IEnumerable<KeyValuePair<string, JsonNode?>> fields) =>
        new(PathElementKind.Key, key: fields.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value?.DeepClone())).ToList());

    public static PathElement ValueOf(JsonNode? value) => new(PathElementKind.Value, value: value?.DeepClone());

    public static PathElement IndexOf(int index) => new(PathElementKind.Index, index: index);

    /// <summary>fieldpath.PathElement.String(): <c>.name</c>, <c>[k1=v1,k2=v2]</c>, <c>[=v]</c>, <c>[3]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + Name,
        PathElementKind.Key => "[" + string.Join(",", Key.Select(f => f.Key + "=" + SmdValues.Text(f.Value))) + "]",
        PathElementKind.Value => "[=" + SmdValues.Text(Value) + "]",
        _ => "[" + Index.ToString(CultureInfo.InvariantCulture) + "]",
    };

    /// <summary>The fieldsV1 member name of this element.</summary>
    public string Serialize()
    {
        switch (Kind)
        {
            case PathElementKind.Field:
                return "f:" + Name;
            case PathElementKind.Key:
                var sb = new StringBuilder("k:{");
                for (var i = 0; i < Key.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append(GoJsonText.Quote(Key[i].Key)).Append(':');
                    GoJsonText.Write(sb, Key[i].Value);
                }

                return sb.Append('}').ToString();
            case PathElementKind.Value:
                return "v:" + GoJsonText.Encode(Value);
            default:
                return "i:" + Index.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// fieldpath.DeserializePathElement. Returns null for an unknown element type (which the apiserver drops);
    /// throws <see cref="FormatException"/> for a malformed one.
    /// </summary>
    public static PathElement? Parse(string text)
    {
        if (text.Length < 2)
        {
            throw new FormatException("key must be 2 characters long:");
        }

        if (text[1] != ':')
        {
            throw new FormatException("missing colon: " + text);
        }

        var body = text[2..];
        try
        {
            switch (text[0])
            {
                case 'f':
                    return Field(body);
                case 'v':
                    return ValueOf(JsonNode.Parse(body));
                case 'k':
                    var fields = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("key is not an object: " + text);
                    return KeyOf(fields.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
                case 'i':
                    return IndexOf(int.Parse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                default:
                    return null;
            }
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        switch (Kind)
        {
            case PathElementKind.Field:
                return Math.Sign(string.CompareOrdinal(Name, other.Name));
            case PathElementKind.Key:
                for (var i = 0; i < Math.Min(Key.Count, other.Key.Count); i++)
                {
                    var byName = Math.Sign(string.CompareOrdinal(Key[i].Key, other.Key[i].Key));
                    if (byName != 0)
                    {
                        return byName;
                    }

                    if (_keyValues[i].CompareTo(other._keyValues[i]) is var byValue and not 0)
                    {
                        return byValue;
                    }
                }

                return Key.Count.CompareTo(other.Key.Count);
            case PathElementKind.Value:
                return _value.CompareTo(other._value);
            default:
                return Index.CompareTo(other.Index);
        }
    }

    public bool Equals(PathElement? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    /// <summary>Agrees with <see cref="CompareTo"/>: key and set values hash as structured-merge-diff compares them.</summary>
    public override int GetHashCode()
    {
        switch (Kind)
        {
            case PathElementKind.Key:
                var hash = new HashCode();
                for (var i = 0; i < Key.Count; i++)
                {
                    hash.Add(Key[i].Key, StringComparer.Ordinal);
                    hash.Add(_keyValues[i]);
                }

                return hash.ToHashCode();
            case PathElementKind.Value:
                return _value.GetHashCode();
            default:
                return HashCode.Combine(Kind, Name, Index);
        }
    }
}
