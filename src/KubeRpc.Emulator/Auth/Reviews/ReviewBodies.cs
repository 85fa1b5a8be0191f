using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Auth.Reviews;

/// <summary>
/// The request and response handling every create-only review shares: POST to the collection only (405 for other
/// methods, 404 below it), a JSON or protobuf body of the review's kind, and a 201 answer carrying the review back.
/// </summary>
internal static class ReviewBodies
{
    /// <summary>The posted review as its model; throws the create handler's errors for anything else.</summary>
    public static T Decode<T>(ApiRequest request, ResourcePath path, ResourceType type)
    {
        if (path.Name is not null)
        {
            throw KubernetesApi.NotFoundPath(request.Path);
        }
        if (request.Method != "POST")
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                new StatusDetailsInfo(null, type.Group, type.Plural, null, null));
        }
        var node = MediaTypes.Essence(request.ContentType) switch
        {
            "" or MediaTypes.Json => BodyDecoder.ParseJson(request.Body, type),
            MediaTypes.Protobuf => KubeProtobufDecoder.Decode(request.Body.Span, type.ApiVersion, type.Kind),
            _ => throw BodyDecoder.UnsupportedMediaType(),
        };
        if (node["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var apiVersion) && apiVersion.Length > 0 && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        if (node["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind.Length > 0 && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
        try
        {
            return KubernetesJson.Deserialize<T>(node.ToJsonString());
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {e.Message}");
        }
    }

    /// <summary>
    /// The 201 answer: kind, apiVersion, metadata (an empty ObjectMeta as Go writes it, with the namespace of a local
    /// review), the spec and the status.
    /// </summary>
    public static ApiResponse Created(ResourceType type, string? ns, JsonNode? spec, JsonObject status)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(ns))
        {
            metadata["namespace"] = ns;
        }
        metadata["creationTimestamp"] = null;
        var body = new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["spec"] = spec ?? new JsonObject(),
            ["status"] = status,
        };
        return new ApiResponse { StatusCode = 201, Body = JsonSerializer.SerializeToUtf8Bytes(body) };
    }

    /// <summary>A model as Go's encoder would write it for these types: camelCase, unset fields left out.</summary>
    public static JsonNode? Json(object? model) => model is null ? null : JsonNode.Parse(KubernetesJson.Serialize(model));

    /// <summary>True when the metadata carries nothing but (for a local review) the namespace and managed fields.</summary>
    public static bool MetadataEmpty(k8s.Models.V1ObjectMeta? meta, bool allowNamespace)
    {
        if (meta is null)
        {
            return true;
        }
        var copy = JsonNode.Parse(KubernetesJson.Serialize(meta))!.AsObject();
        copy.Remove("managedFields");
        if (allowNamespace)
        {
            copy.Remove("namespace");
        }
        return copy.Count == 0;
    }
}
