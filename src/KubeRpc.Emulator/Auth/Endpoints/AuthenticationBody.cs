using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Protobuf;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// The body of a POST to the authentication endpoints (TokenRequest, TokenReview, SelfSubjectReview): JSON, or Kubernetes
/// protobuf as kubectl sends it, of exactly the expected apiVersion and kind (or none), as the create handler decodes it.
/// </summary>
internal static class AuthenticationBody
{
    public const string ApiVersion = "authentication.k8s.io/v1";

    private static JsonObject Decode(ApiRequest request, string kind)
    {
        var node = MediaTypes.Essence(request.ContentType) switch
        {
            "" or MediaTypes.Json => ParseJson(request.Body, kind),
            MediaTypes.Protobuf => KubeProtobufDecoder.Decode(request.Body.Span, ApiVersion, kind),
            _ => throw BodyDecoder.UnsupportedMediaType(),
        };
        if (node["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var apiVersion) && apiVersion.Length > 0 && apiVersion != ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({ApiVersion})");
        }
        if (node["kind"] is JsonValue k && k.TryGetValue<string>(out var actual) && actual.Length > 0 && actual != kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({actual}) does not match the expected kind ({kind})");
        }
        return node;
    }

    /// <summary>The body as its KubernetesClient model; a field of the wrong type is a 400 as for every other kind.</summary>
    public static T Decode<T>(ApiRequest request, string kind)
    {
        var node = Decode(request, kind);
        try
        {
            return KubernetesJson.Deserialize<T>(node.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw ApiException.BadRequest($"{kind} in version \"v1\" cannot be handled as a {kind}: {e.Message}");
        }
    }

    private static JsonObject ParseJson(ReadOnlyMemory<byte> body, string kind)
    {
        if (GoJsonSyntax.Check(body.Span) is { } syntax)
        {
            throw DecodeErrors.BadRequest("couldn't get version/kind; json parse error: " + syntax,
                WireGroupVersionKind.From(ApiVersion, kind), null, body.Span);
        }
        try
        {
            return JsonNode.Parse(body.Span, documentOptions: JsonDepth.DocumentOptions) as JsonObject
                ?? throw ApiException.BadRequest("couldn't get version/kind; json parse error: body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }
}
