using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// Turns a request body into a JSON object of the expected kind: JSON or Kubernetes protobuf in, with the
/// apiVersion/kind checks and the fieldValidation (Strict/Warn/Ignore) of kube-apiserver's handlers.
/// </summary>
internal sealed class BodyDecoder(FieldValidation fieldValidation)
{
    /// <summary>Parses the body as a JSON object of <paramref name="type"/>; warnings collect Warn-mode findings.</summary>
    public JsonObject DecodeObject(ApiRequest request, ResourceType type, List<string> warnings)
    {
        var media = MediaTypes.Essence(request.ContentType);
        JsonObject node;
        ReadOnlyMemory<byte> json;
        switch (media)
        {
            case "" or MediaTypes.Json:
                node = ParseJson(request.Body, type);
                json = request.Body;
                break;
            case MediaTypes.Protobuf:
                node = KubeProtobufDecoder.Decode(request.Body.Span, type.ApiVersion, type.Kind);
                json = JsonSerializer.SerializeToUtf8Bytes(node);
                break;
            default:
                throw UnsupportedMediaType();
        }
        CheckTypeMeta(node, type);
        fieldValidation.Check(request, json, type, warnings);
        return node;
    }

    /// <summary>Applies fieldValidation to an object produced on the server (a patch result).</summary>
    public void CheckFields(ApiRequest request, ReadOnlyMemory<byte> json, ResourceType type, List<string> warnings) =>
        fieldValidation.Check(request, json, type, warnings);

    /// <summary>A decoded JSON object as the kind's model; type errors are 400 as the JSON decoder reports them.</summary>
    public static IKubernetesObject<V1ObjectMeta> ToModel(ObjectCodec codec, JsonObject node)
    {
        try
        {
            return codec.Decode(node);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            var type = codec.Type;
            throw ApiException.BadRequest($"{type.Kind} in version {FieldErrorQuote(type.Version)} cannot be handled as a {type.Kind}: {e.Message}");
        }
    }

    /// <summary>
    /// A JSON body as an object. Text Go's decoder refuses (a syntax error, or nesting deeper than
    /// <see cref="ApiLimits.MaxJsonDepth"/>) fails as the create and update handlers' <c>transformDecodeError</c> words it.
    /// </summary>
    public static JsonObject ParseJson(ReadOnlyMemory<byte> body, ResourceType type)
    {
        if (GoJsonSyntax.Check(body.Span) is { } syntax)
        {
            throw DecodeErrors.BadRequest("couldn't get version/kind; json parse error: " + syntax,
                WireGroupVersionKind.From(type.ApiVersion, type.Kind), null, body.Span);
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

    public static ApiException UnsupportedMediaType() => new(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");

    private static void CheckTypeMeta(JsonObject node, ResourceType type)
    {
        if (node["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var apiVersion) && apiVersion.Length > 0 && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        if (node["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind.Length > 0 && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
    }

    private static string FieldErrorQuote(string s) => FieldError.Quote(s);
}
