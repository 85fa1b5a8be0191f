using System.Text.Json.Nodes;
using KubeRpc.Emulator.OpenApi;

namespace KubeRpc.Emulator.Tests.OpenApi;

/// <summary>The generated documents of <see cref="ServedResources"/>, built once for all OpenAPI tests.</summary>
internal static class OpenApiTestDocuments
{
    private static readonly Lazy<OpenApiDocuments> LazyDocuments = new(() => new OpenApiDocuments(ServedResources.All, ModelDocsLocator.Docs));

    public static OpenApiDocuments Documents => LazyDocuments.Value;

    /// <summary>A fresh parse of the served bytes of <c>api/v1</c> or <c>apis/networking.k8s.io/v1</c>.</summary>
    public static JsonObject Parse(string path) => JsonNode.Parse(Documents.Find(path)!.Json)!.AsObject();

    public static JsonObject Core => Parse("api/v1");

    public static JsonObject Networking => Parse("apis/networking.k8s.io/v1");

    public static JsonObject Schema(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();

    /// <summary>Follows <c>allOf[0]</c> and <c>$ref</c> like apimachinery's PatchMetaFromOpenAPIV3 and kubectl explain do.</summary>
    public static JsonObject Resolve(JsonObject document, JsonObject schema)
    {
        if (schema["allOf"] is JsonArray allOf)
        {
            schema = allOf[0]!.AsObject();
        }
        if (schema["$ref"] is JsonValue reference)
        {
            var name = ((string)reference!).Replace("#/components/schemas/", "", StringComparison.Ordinal);
            return Schema(document, name);
        }
        return schema;
    }

    /// <summary>The schema reached by a dotted field path from a component, through arrays like <c>kubectl explain</c>.</summary>
    public static JsonObject Field(JsonObject document, string component, string path)
    {
        var schema = Schema(document, component);
        foreach (var name in path.Split('.'))
        {
            schema = Resolve(document, schema);
            if (schema["items"] is JsonObject items)
            {
                schema = Resolve(document, items);
            }
            schema = schema["properties"]![name]!.AsObject();
        }
        return schema;
    }
}
