using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Server-side field validation (<c>?fieldValidation=Strict|Warn|Ignore</c>): finds the unknown and duplicate
/// fields of a request body against a KubernetesClient model type, worded as kube-apiserver words them.
/// </summary>
/// <remarks>
/// <para>Each finding is one string: <c>unknown field "spec.ports[0].foo"</c> or <c>duplicate field "spec.type"</c>.
/// Keys are matched case-sensitively against <c>[JsonPropertyName]</c>; <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata</c> are fields of every object model; map-typed fields (labels, annotations, selector, Secret data)
/// accept any key. Findings are in document order, de-duplicated, at most 100.</para>
/// <para>How a handler uses them (k8s.io/apiserver endpoints/handlers create.go, update.go, patch.go):
/// <c>Strict</c> on POST/PUT → <see cref="StrictDecodingFailure"/> (400 BadRequest
/// <c>Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.foo", duplicate field "x"</c>);
/// <c>Warn</c> (the default) → one <c>Warning: 299 - "unknown field \"spec.foo\""</c> header per finding and success;
/// <c>Ignore</c> → nothing. For patches kube-apiserver checks the patch body for duplicates
/// (<see cref="FindDuplicateFields"/>) and the patched object for unknown fields (<see cref="FindUnknownFields"/>),
/// and answers Strict failures with 422 <c>"" is invalid: patch: Invalid value: …: strict decoding error: …</c>.</para>
/// </remarks>
public static class StrictFieldValidator
{
    /// <summary>Unknown and duplicate fields of a JSON body decoded as <paramref name="modelType"/> (e.g. <c>V1Service</c>).</summary>
    /// <exception cref="JsonException">The body is not well-formed JSON.</exception>
    public static IReadOnlyList<string> FindUnknownAndDuplicateFields(ReadOnlySpan<byte> utf8Json, Type modelType) =>
        Walk(utf8Json, ModelShapes.Of(modelType));

    /// <summary>Duplicate fields anywhere in a JSON body decoded without a schema (Go <c>map[string]interface{}</c>), as patch bodies are.</summary>
    /// <exception cref="JsonException">The body is not well-formed JSON.</exception>
    public static IReadOnlyList<string> FindDuplicateFields(ReadOnlySpan<byte> utf8Json) => Walk(utf8Json, null);

    /// <summary>Unknown fields of an already parsed object (duplicates cannot survive parsing into a <see cref="JsonNode"/>).</summary>
    public static IReadOnlyList<string> FindUnknownFields(JsonNode? json, Type modelType)
    {
        var walker = new StrictFieldWalker();
        walker.Walk(json, ModelShapes.Of(modelType));
        return walker.Errors;
    }

    /// <summary><c>strict decoding error: unknown field "spec.foo", duplicate field "x"</c> (apimachinery <c>runtime.NewStrictDecodingError</c>).</summary>
    public static string StrictDecodingMessage(IEnumerable<string> findings) => StrictFieldWalker.Join(findings);

    /// <summary>
    /// The 400 BadRequest of a strict create or update: <c>{kind} in version "{version}" cannot be handled as a {kind}: strict decoding error: …</c>
    /// (apiserver handlers <c>transformDecodeError</c>; <paramref name="version"/> is the version without group, e.g. <c>v1</c>).
    /// </summary>
    public static ApiException StrictDecodingFailure(string kind, string version, IEnumerable<string> findings) =>
        ApiException.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {StrictDecodingMessage(findings)}");

    private static List<string> Walk(ReadOnlySpan<byte> utf8Json, ModelShape? shape)
    {
        var reader = new Utf8JsonReader(utf8Json, JsonDepth.ReaderOptions);
        if (!reader.Read())
        {
            return [];
        }
        var walker = new StrictFieldWalker();
        walker.Walk(ref reader, shape);
        return [.. walker.Errors];
    }
}
