using System.Reflection;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>What a KubernetesClient model type looks like on the wire, as far as schemas and strict decoding care.</summary>
internal enum ModelShapeKind
{
    /// <summary>A struct with named fields (a <c>k8s.Models</c> class).</summary>
    Object,
    /// <summary>A JSON array; <see cref="ModelShape.Element"/> is the item shape.</summary>
    Array,
    /// <summary>A JSON object with free keys; <see cref="ModelShape.Element"/> is the value shape.</summary>
    Map,
    String,
    /// <summary>int32.</summary>
    Integer,
    /// <summary>int64.</summary>
    Long,
    /// <summary>double.</summary>
    Number,
    Boolean,
    /// <summary><c>intstr.IntOrString</c>: a number or a string, decoded by a custom unmarshaller.</summary>
    IntOrString,
    /// <summary><c>metav1.Time</c>: an RFC 3339 string, decoded by a custom unmarshaller.</summary>
    Time,
    /// <summary>A <c>[]byte</c> field: a base64 string (Secret data values).</summary>
    Bytes,
    /// <summary>Free-form JSON with its own unmarshaller (e.g. <c>FieldsV1</c>); never checked field by field.</summary>
    Opaque,
}

/// <summary>
/// The wire shape of one model type, derived once by reflection (<see cref="ModelShapes"/>) and shared by the
/// OpenAPI generator and the strict field validator, so both agree on which fields exist.
/// </summary>
internal sealed class ModelShape
{
    private readonly Dictionary<string, ModelProperty> byName = new(StringComparer.Ordinal);
    private readonly List<ModelProperty> ordered = [];

    public ModelShape(ModelShapeKind kind, Type clrType, ModelShape? element = null)
    {
        Kind = kind;
        ClrType = clrType;
        Element = element;
    }

    public ModelShapeKind Kind { get; }

    /// <summary>The CLR type this shape was derived from (the element type for arrays and maps is in <see cref="Element"/>).</summary>
    public Type ClrType { get; }

    /// <summary>Item shape of an array, value shape of a map; null otherwise.</summary>
    public ModelShape? Element { get; }

    /// <summary>Fields of an object, sorted by JSON name (ordinal), as Kubernetes' OpenAPI lists them.</summary>
    public IReadOnlyList<ModelProperty> Properties => ordered;

    /// <summary>Finds a field by its exact (case-sensitive) JSON name, as apimachinery's strict decoder matches keys.</summary>
    public bool TryGetProperty(string jsonName, out ModelProperty property) => byName.TryGetValue(jsonName, out property!);

    internal void SetProperties(IEnumerable<ModelProperty> properties)
    {
        foreach (var property in properties.OrderBy(p => p.JsonName, StringComparer.Ordinal))
        {
            // The first declaration wins; KubernetesClient never declares the same JSON name twice.
            if (byName.TryAdd(property.JsonName, property))
            {
                ordered.Add(property);
            }
        }
    }
}

/// <summary>One field of an object shape.</summary>
/// <param name="JsonName">The name in <c>[JsonPropertyName]</c>, e.g. <c>clusterIP</c>.</param>
/// <param name="Property">The CLR property (for XML docs and nullability).</param>
/// <param name="Shape">The shape of the field's value.</param>
internal sealed record ModelProperty(string JsonName, PropertyInfo Property, ModelShape Shape)
{
    /// <summary>True for a non-nullable value type: the generated models use those only for required fields.</summary>
    public bool IsNonNullableValue => Property.PropertyType.IsValueType && Nullable.GetUnderlyingType(Property.PropertyType) is null;
}
