using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Builds <c>components.schemas</c> of one OpenAPI v3 document the way kube-apiserver shapes them: one component
/// per model type reachable from the roots, fields sorted, references as <c>allOf: [{$ref}]</c> next to the field's
/// own description, Kubernetes extensions from <see cref="OpenApiFieldRules"/>, and
/// <c>x-kubernetes-group-version-kind</c> on the served kinds. These are the shapes kubectl reads:
/// <c>explain</c> (kubectl pkg/explain/v2 templates) and the apply patcher's merge keys
/// (apimachinery <c>strategicpatch.PatchMetaFromOpenAPIV3</c>, which resolves <c>allOf[0]</c> then <c>$ref</c>).
/// </summary>
internal sealed class OpenApiSchemaBuilder
{
    private readonly KubernetesModelDocs docs;
    private readonly IReadOnlyDictionary<Type, IReadOnlyList<GroupVersionKind>> kinds;
    private readonly SortedDictionary<string, JsonObject> components = new(StringComparer.Ordinal);
    private readonly HashSet<Type> visited = [];

    public OpenApiSchemaBuilder(KubernetesModelDocs docs, IReadOnlyDictionary<Type, IReadOnlyList<GroupVersionKind>> kinds)
    {
        this.docs = docs;
        this.kinds = kinds;
    }

    /// <summary>Adds the component of <paramref name="type"/> and everything it reaches; returns its name.</summary>
    public string Add(Type type)
    {
        var shape = ModelShapes.Of(type);
        if (shape.Kind != ModelShapeKind.Object)
        {
            throw new ArgumentException($"{type.Name} is not a model object", nameof(type));
        }
        AddObject(shape);
        return OpenApiSchemaNames.Of(type);
    }

    /// <summary>Adds a hand-written component such as <c>meta/v1.Patch</c>.</summary>
    public void AddComponent(string name, JsonObject schema) => components.TryAdd(name, schema);

    /// <summary>The <c>components.schemas</c> object, sorted by name.</summary>
    public JsonObject Build()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in components)
        {
            result[name] = schema;
        }
        return result;
    }

    private void AddObject(ModelShape shape)
    {
        if (!visited.Add(shape.ClrType))
        {
            return;
        }
        var schema = new JsonObject();
        Describe(schema, docs.Describe(shape.ClrType));
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var property in shape.Properties)
        {
            var fieldSchema = Field(property.Shape);
            Describe(fieldSchema, docs.Describe(property.Property));
            ApplyRule(fieldSchema, OpenApiFieldRules.For(shape.ClrType, property.JsonName));
            properties[property.JsonName] = fieldSchema;
            if (OpenApiFieldRules.IsRequired(shape.ClrType, property))
            {
                required.Add(property.JsonName);
            }
        }
        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)JsonValue.Create(r))]);
        }
        schema["type"] = "object";
        if (kinds.TryGetValue(shape.ClrType, out var gvks))
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray([.. gvks.Select(g => (JsonNode)g.ToJson())]);
        }
        if (OpenApiFieldRules.IsAtomicStruct(shape.ClrType))
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }
        components[OpenApiSchemaNames.Of(shape.ClrType)] = schema;
    }

    /// <summary>The schema of a field's value, without the field's description.</summary>
    private JsonObject Field(ModelShape shape)
    {
        switch (shape.Kind)
        {
            case ModelShapeKind.Object:
                AddObject(shape);
                return Reference(OpenApiSchemaNames.Of(shape.ClrType));
            case ModelShapeKind.Time:
                AddComponent(OpenApiSchemaNames.Time, OpenApiWellKnownSchemas.Time());
                return Reference(OpenApiSchemaNames.Time);
            case ModelShapeKind.IntOrString:
                AddComponent(OpenApiSchemaNames.IntOrString, OpenApiWellKnownSchemas.IntOrString());
                return Reference(OpenApiSchemaNames.IntOrString);
            case ModelShapeKind.Array:
                return new JsonObject { ["type"] = "array", ["items"] = Field(shape.Element!) };
            case ModelShapeKind.Map:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Field(shape.Element!) };
            default:
                return OpenApiWellKnownSchemas.Scalar(shape.Kind);
        }
    }

    private static JsonObject Reference(string componentName) => new()
    {
        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = OpenApiSchemaNames.Ref(componentName) }),
    };

    private static void Describe(JsonObject schema, string? description)
    {
        if (!string.IsNullOrEmpty(description))
        {
            schema["description"] = description;
        }
    }

    private static void ApplyRule(JsonObject schema, OpenApiFieldRules.FieldRule? rule)
    {
        if (rule is null)
        {
            return;
        }
        if (rule.Enum is { } values)
        {
            schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }
        if (rule.ListMapKeys is { } keys)
        {
            schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => (JsonNode)JsonValue.Create(k))]);
        }
        SetIfPresent(schema, "x-kubernetes-list-type", rule.ListType);
        SetIfPresent(schema, "x-kubernetes-map-type", rule.MapType);
        SetIfPresent(schema, "x-kubernetes-patch-merge-key", rule.PatchMergeKey);
        SetIfPresent(schema, "x-kubernetes-patch-strategy", rule.PatchStrategy);
    }

    private static void SetIfPresent(JsonObject schema, string key, string? value)
    {
        if (value is not null)
        {
            schema[key] = value;
        }
    }
}
