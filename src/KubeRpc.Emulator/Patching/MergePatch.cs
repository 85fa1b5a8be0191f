using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch as kube-apiserver applies it (<c>jsonpatch.MergePatch</c> of evanphx/json-patch v4):
/// objects merge recursively and a null member deletes; anything else replaces. Values that are set wholesale
/// lose their null-valued object members (also inside arrays); null array elements stay.
/// </summary>
public static class MergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="document"/>.</summary>
    /// <exception cref="Api.ApiException">
    /// 400 BadRequest <c>Invalid JSON Patch</c> when the patch is null or a scalar (ErrBadJSONPatch).
    /// </exception>
    /// <remarks>
    /// An array patch replaces the whole document (the library's non-object path); the caller's decode into
    /// the typed object then rejects it. With fieldValidation Warn/Strict such a body never gets here.
    /// </remarks>
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(document);
        switch (patch)
        {
            case JsonObject patchObject when document is JsonObject target:
                var result = (JsonObject)target.DeepClone();
                MergeObjects(result, patchObject);
                return result;
            case JsonObject patchObject:
                return Pruned(patchObject)!;
            case JsonArray patchArray:
                return Pruned(patchArray)!;
            default:
                throw PatchErrors.BadRequest("Invalid JSON Patch");
        }
    }

    private static void MergeObjects(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (target[key] is null)
            {
                // Absent or null in the target: take the patch value without its null members.
                target[key] = Pruned(value);
            }
            else
            {
                target[key] = Merge(target[key]!, value);
            }
        }
    }

    private static JsonNode? Merge(JsonNode current, JsonNode patch)
    {
        if (current is not JsonObject currentObject)
        {
            return Pruned(patch);
        }

        if (patch is not JsonObject patchObject)
        {
            // The library returns a non-object patch value as is here, without pruning.
            return patch.DeepClone();
        }

        MergeObjects(currentObject, patchObject);
        return currentObject;
    }

    /// <summary>A copy of <paramref name="node"/> without null-valued object members, at any depth.</summary>
    private static JsonNode? Pruned(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        copy[key] = Pruned(value);
                    }
                }

                return copy;
            case JsonArray arr:
                return new JsonArray(arr.Select(Pruned).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
