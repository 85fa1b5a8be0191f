using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Strategic merge patch as kube-apiserver applies it (<c>strategicpatch.StrategicMergeMapPatch</c> with
/// MergeParallelList and IgnoreUnmatchedNulls, as <c>handlers/patch.go</c> calls it).
/// </summary>
/// <remarks>
/// Maps merge recursively and a null member deletes. Lists are replaced unless the field has
/// <c>patchStrategy:"merge"</c> in <see cref="PatchSchema"/>: lists of maps then merge item by merge key
/// (new items are added, known ones merged), lists of primitives are unioned. Directives: <c>$patch</c>
/// (<c>replace</c>/<c>delete</c> on a map; <c>delete</c>/<c>replace</c> as a list element),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>.
/// Patch members are processed in the order the patch lists them (Go iterates a map in random order).
/// </remarks>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="document"/>.</summary>
    /// <exception cref="Api.ApiException">
    /// 400 BadRequest for malformed directives (<c>invalid patch format of ...</c>) or a patch that is not an
    /// object; 422 Invalid for lists of lists; 400 with the library's message for other errors (kube-apiserver: 500),
    /// e.g. <c>map: map[targetPort:8080] does not contain declared merge key: port</c>.
    /// </exception>
    public static JsonNode Apply(JsonNode document, JsonNode patch, PatchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(schema);
        if (document is not JsonObject original)
        {
            throw new ArgumentException("the document must be a JSON object", nameof(document));
        }

        switch (patch)
        {
            case null:
                // A "null" body decodes to a nil map, which changes nothing.
                return original.DeepClone();
            case JsonObject patchObject:
                return SmpMapMerge.MergeMap((JsonObject)original.DeepClone(), (JsonObject)patchObject.DeepClone(), schema.Root);
            default:
                throw PatchErrors.BadRequest(
                    $"json: cannot unmarshal {PatchDecoder.JsonKindWord(patch)} into Go value of type map[string]interface {{}}");
        }
    }
}
