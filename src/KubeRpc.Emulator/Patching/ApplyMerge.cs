using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) reduced to an upsert-merge of the applied
/// configuration into the live object, with structured-merge-diff's list and map semantics but no field
/// ownership: fields the configuration leaves out are always kept.
/// </summary>
/// <remarks>
/// Maps merge key by key unless atomic (Service <c>spec.selector</c>); lists with <c>+listType=map</c> merge
/// items by their keys (Service ports by <c>port</c> and <c>protocol</c>, protocol defaulting to TCP) and
/// <c>+listType=set</c> lists by value, keeping live-only items in place and applied items in applied order;
/// every other list and every scalar is replaced by the applied value. A null in the configuration removes the
/// field. Ownership, conflicts (409) and the removal of fields a manager stopped applying are layered on top by
/// <see cref="ManagedFields.FieldManager.Apply"/>, which merges through this class.
/// </remarks>
public static class ApplyMerge
{
    /// <summary>Merges <paramref name="applied"/> into a copy of <paramref name="live"/> (null when creating).</summary>
    /// <exception cref="Api.ApiException">
    /// 400 <c>metadata.managedFields must be nil</c>; 400 <c>error decoding YAML: ...</c> when the configuration
    /// is not an object; 400 <c>failed to create typed patch object (ns/name; gvk): ...</c> for list items
    /// without their keys or with duplicate keys, as structured-merge-diff reports them (kube-apiserver: 500).
    /// </exception>
    public static JsonNode Apply(JsonNode? live, JsonNode applied, PatchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (applied is not JsonObject config)
        {
            throw PatchErrors.BadRequest("error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " +
                $"{PatchDecoder.JsonKindWord(applied)} into Go value of type map[string]interface {{}}");
        }

        if (config["metadata"] is JsonObject metadata && metadata["managedFields"] is not null)
        {
            throw PatchErrors.BadRequest("metadata.managedFields must be nil");
        }

        ApplyValidation.Validate(config, schema.Root);

        // managedFields belong to the field manager, which rewrites them after the merge.
        config = (JsonObject)config.DeepClone();
        (config["metadata"] as JsonObject)?.Remove("managedFields");
        if (live is not JsonObject liveObject)
        {
            return Applied(config)!;
        }

        return MergeMap((JsonObject)liveObject.DeepClone(), config, schema.Root);
    }

    internal static JsonNode? MergeValue(JsonNode? live, JsonNode? applied, PatchSchemaNode node)
    {
        if (applied is JsonObject appliedMap && live is JsonObject liveMap && !node.Atomic)
        {
            return MergeMap(liveMap, appliedMap, node);
        }

        if (applied is JsonArray appliedList && live is JsonArray liveList && node.ListType != ApplyListType.Atomic)
        {
            return SmpValues.ToArray(ApplyListMerge.Merge(liveList, appliedList, node));
        }

        return Applied(applied);
    }

    private static JsonObject MergeMap(JsonObject live, JsonObject applied, PatchSchemaNode node)
    {
        foreach (var (key, value) in applied)
        {
            if (value is null)
            {
                live.Remove(key);
                continue;
            }

            var merged = MergeValue(live[key], value, node.Field(key));
            if (!ReferenceEquals(merged, live[key]))
            {
                live[key] = SmpValues.Detached(merged);
            }
        }

        return live;
    }

    /// <summary>An applied value as stored: a copy without null members (a null field is an unset field).</summary>
    internal static JsonNode? Applied(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    if (child is not null)
                    {
                        copy[key] = Applied(child);
                    }
                }

                return copy;
            case JsonArray arr:
                return new JsonArray(arr.Select(Applied).ToArray());
            default:
                return value?.DeepClone();
        }
    }
}
