using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Text;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// RFC 6902 JSON Patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4 behind
/// <c>handlers/patch.go</c>), including that library's leniencies: negative array indices count from the end,
/// <c>replace</c> of a missing object member adds it, <c>copy</c> from a missing member copies null, and
/// <c>test</c> of a missing member against null passes. The bytes <c>copy</c> operations add are limited as
/// kube-apiserver limits them, and no operation may nest the document deeper than the emulator's limit.
/// </summary>
public static class JsonPatch
{
    /// <summary><c>maxJSONPatchOperations</c> in patch.go.</summary>
    public const int MaxOperations = 10000;

    /// <summary>Applies <paramref name="patch"/> (an array of operations) to a copy of <paramref name="document"/>.</summary>
    /// <exception cref="Api.ApiException">
    /// 413 RequestEntityTooLarge for more than 10000 operations; 400 BadRequest for a patch that is not an array of
    /// objects; 422 Invalid (<c>the server rejected our request due to an error in our request</c>) when an
    /// operation fails (also when copies add more than <see cref="ApiLimits.JsonPatchMaxCopyBytes"/> or a value would
    /// nest deeper than <see cref="ApiLimits.MaxJsonDepth"/>), as <c>NewGenericServerResponse(422)</c> discards the
    /// library's message.
    /// </exception>
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (patch is null)
        {
            // A "null" body decodes to an empty patch.
            return document.DeepClone();
        }

        // The same strict decode the handler runs when fieldValidation is absent (Warn).
        if (PatchDecoder.JsonPatchShapeError(patch) is { } shape)
        {
            throw PatchErrors.BadRequest("error decoding patch: " + shape);
        }

        var ops = (JsonArray)patch;
        if (ops.Count > MaxOperations)
        {
            throw PatchErrors.TooManyOperations(MaxOperations, ops.Count);
        }

        var target = new JsonPatchTarget(document.DeepClone());
        foreach (var element in ops)
        {
            var op = element as JsonObject;
            var ok = Kind(op) switch
            {
                "add" => target.Add(Path(op), Value(op)),
                "remove" => target.Remove(Path(op)),
                "replace" => target.Replace(Path(op), Value(op)),
                "move" => target.Move(Member(op, "from"), Path(op)),
                "copy" => target.Copy(Member(op, "from"), Path(op)),
                "test" => target.Test(Path(op), op!.ContainsKey("value"), Value(op)),
                _ => false,
            };
            if (!ok)
            {
                throw PatchErrors.Unprocessable(target.FailureDetail
                    ?? $"{Kind(op)} operation failed: {Excerpt.Of(op?.ToJsonString() ?? "null", ApiLimits.MaxQuotedLength, ExcerptMarker.Ellipsis)}");
            }
        }

        return target.Root;
    }

    /// <summary><c>Operation.Kind()</c>: the <c>op</c> member when it is a string, else "unknown".</summary>
    private static string Kind(JsonObject? op) =>
        op?["op"] is { } kind && GoValues.KindOf(kind) == GoKind.String ? kind.GetValue<string>() : "unknown";

    private static string? Path(JsonObject? op) => Member(op, "path");

    /// <summary>A path or from member; null when missing, JSON null or not a string (all are errors).</summary>
    private static string? Member(JsonObject? op, string name) =>
        op?[name] is { } value && GoValues.KindOf(value) == GoKind.String ? value.GetValue<string>() : null;

    private static JsonNode? Value(JsonObject? op) => op?["value"]?.DeepClone();
}
