using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Decodes a PATCH body the way kube-apiserver does before applying it (apiserver
/// <c>endpoints/handlers/patch.go</c>), failing with the same 400 BadRequest wording for bodies it cannot decode.
/// </summary>
/// <remarks>
/// With <c>fieldValidation</c> absent, <c>Warn</c> or <c>Strict</c> the body is first decoded strictly
/// (sigs.k8s.io/json): JSON patch into <c>[]handlers.jsonPatchOp</c> and merge patch into
/// <c>map[string]interface {}</c>, both prefixed <c>error decoding patch: </c>; a strategic merge patch is decoded
/// into <c>map[string]interface {}</c> without prefix. With <c>Ignore</c> only the library decode runs. Unknown
/// or duplicate fields (strict warnings) are not reported here. Apply (YAML) bodies are not handled.
/// </remarks>
public static class PatchDecoder
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";

    private const string MapType = "map[string]interface {}";

    /// <summary>Decodes <paramref name="body"/>; returns null for a JSON <c>null</c> body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="patchType">The media type without parameters, one of the three constants.</param>
    /// <param name="fieldValidation">The <c>fieldValidation</c> query value, or null.</param>
    public static JsonNode? Decode(ReadOnlySpan<byte> body, string patchType, string? fieldValidation = null)
    {
        var strict = fieldValidation is null or "" or "Warn" or "Strict";
        var syntax = GoJsonSyntax.Check(body);
        switch (patchType)
        {
            case JsonPatchType:
                if (strict)
                {
                    Fail(syntax, "error decoding patch: ");
                    Fail(JsonPatchShapeError(JsonBody.Parse(body)), "error decoding patch: ");
                }

                Fail(syntax, "");
                var patch = JsonBody.Parse(body);
                Fail(CheckLibraryPatch(patch), "");
                return patch;
            case MergePatchType:
                if (strict)
                {
                    Fail(syntax, "error decoding patch: ");
                    Fail(CheckTopLevel(JsonBody.Parse(body), MapType), "error decoding patch: ");
                }

                // jsonpatch.MergePatch: a syntax error, null or a scalar is ErrBadJSONPatch; an array passes through.
                var merge = syntax is null ? JsonBody.Parse(body) : null;
                if (merge is not (JsonObject or JsonArray))
                {
                    throw PatchErrors.BadRequest("Invalid JSON Patch");
                }

                return merge;
            case StrategicMergePatchType:
                Fail(syntax, "");
                var smp = JsonBody.Parse(body);
                Fail(CheckTopLevel(smp, MapType), "");
                return smp;
            default:
                throw new ArgumentException($"unsupported patch type {patchType}", nameof(patchType));
        }
    }

    private static void Fail(string? error, string prefix)
    {
        if (error is not null)
        {
            throw PatchErrors.BadRequest(prefix + error);
        }
    }

    /// <summary>Go's UnmarshalTypeError for a top-level value that does not fit <paramref name="goType"/>.</summary>
    private static string? CheckTopLevel(JsonNode? value, string goType)
    {
        var fits = goType == MapType ? value is null or JsonObject : value is null or JsonArray;
        return fits ? null : $"json: cannot unmarshal {JsonKindWord(value)} into Go value of type {goType}";
    }

    /// <summary>Strict decode into <c>[]handlers.jsonPatchOp{Op, Path, From string; Value interface{}}</c>.</summary>
    internal static string? JsonPatchShapeError(JsonNode? value)
    {
        if (CheckTopLevel(value, "[]handlers.jsonPatchOp") is { } top)
        {
            return top;
        }

        foreach (var element in value as JsonArray ?? [])
        {
            if (element is null)
            {
                continue;
            }

            if (element is not JsonObject op)
            {
                return $"json: cannot unmarshal {JsonKindWord(element)} into Go value of type handlers.jsonPatchOp";
            }

            // Go reports the first type error in document order; field names match case-sensitively.
            foreach (var (name, field) in op)
            {
                if (name is "op" or "path" or "from" && field is not null && GoValues.KindOf(field) != GoKind.String)
                {
                    return $"json: cannot unmarshal {JsonKindWord(field)} into Go struct field jsonPatchOp.{name} of type string";
                }
            }
        }

        return null;
    }

    /// <summary>jsonpatch.DecodePatch into <c>jsonpatch.Patch</c> (<c>[]map[string]*json.RawMessage</c>).</summary>
    private static string? CheckLibraryPatch(JsonNode? value)
    {
        if (CheckTopLevel(value, "jsonpatch.Patch") is { } top)
        {
            return top;
        }

        var bad = (value as JsonArray ?? []).FirstOrDefault(e => e is not (null or JsonObject));
        return bad is null ? null : $"json: cannot unmarshal {JsonKindWord(bad)} into Go value of type jsonpatch.Operation";
    }

    /// <summary>The JSON kind word Go's decoder puts in an UnmarshalTypeError.</summary>
    internal static string JsonKindWord(JsonNode? value) => GoValues.KindOf(value) switch
    {
        GoKind.Map => "object",
        GoKind.Slice => "array",
        GoKind.String => "string",
        GoKind.Bool => "bool",
        GoKind.Nil => "null",
        _ => "number",
    };
}
