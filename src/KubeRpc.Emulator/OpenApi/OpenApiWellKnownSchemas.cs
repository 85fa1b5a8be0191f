using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Schemas of the apimachinery types that have their own JSON encoding rather than fields:
/// <c>metav1.Time</c>, <c>intstr.IntOrString</c>, the PATCH body <c>metav1.Patch</c>, and the primitives.
/// </summary>
internal static class OpenApiWellKnownSchemas
{
    /// <summary><c>io.k8s.apimachinery.pkg.apis.meta.v1.Time</c>: an RFC 3339 date-time string.</summary>
    public static JsonObject Time() => new()
    {
        ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. "
            + "It is serialized as an RFC 3339 date-time string, e.g. 2006-01-02T15:04:05Z.",
        ["format"] = "date-time",
        ["type"] = "string",
    };

    /// <summary>
    /// <c>io.k8s.apimachinery.pkg.util.intstr.IntOrString</c> in its v3 form (intstr <c>OpenAPIV3OneOfTypes</c>):
    /// <c>oneOf: [integer, string]</c>, <c>format: int-or-string</c> and no <c>type</c>, so that
    /// <c>kubectl explain</c> prints the field as <c>&lt;IntOrString&gt;</c> (v2 documents say <c>type: string</c>).
    /// </summary>
    public static JsonObject IntOrString() => new()
    {
        ["description"] = "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML "
            + "marshalling and unmarshalling, it produces or consumes the inner type.",
        ["format"] = "int-or-string",
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
    };

    /// <summary><c>io.k8s.apimachinery.pkg.apis.meta.v1.Patch</c>: the request body of every PATCH operation.</summary>
    public static JsonObject Patch() => new()
    {
        ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
        ["type"] = "object",
    };

    /// <summary>The schema of a primitive field.</summary>
    public static JsonObject Scalar(ModelShapeKind kind) => kind switch
    {
        ModelShapeKind.String => new JsonObject { ["type"] = "string" },
        ModelShapeKind.Integer => new JsonObject { ["format"] = "int32", ["type"] = "integer" },
        ModelShapeKind.Long => new JsonObject { ["format"] = "int64", ["type"] = "integer" },
        ModelShapeKind.Number => new JsonObject { ["format"] = "double", ["type"] = "number" },
        ModelShapeKind.Boolean => new JsonObject { ["type"] = "boolean" },
        ModelShapeKind.Bytes => new JsonObject { ["format"] = "byte", ["type"] = "string" },
        // FieldsV1 and other free-form values: an object whose content is not described.
        _ => new JsonObject { ["type"] = "object" },
    };
}
