using System.Globalization;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Text;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// The checks structured-merge-diff makes when it converts an applied configuration to a typed value
/// (duplicates not allowed): every item of an associative list needs its keys and no key may repeat.
/// Failures read like <c>.spec.ports: element 0: associative list with keys has an element that omits key field
/// "port" (and doesn't have default value)</c> or <c>.spec.ports: duplicate entries for key [port=80,protocol="TCP"]</c>,
/// answered with 400 (kube-apiserver: 500).
/// </summary>
internal static class ApplyValidation
{
    public static void Validate(JsonObject config, PatchSchemaNode root)
    {
        var errors = new List<string>();
        VisitMap(config, root, "", errors);
        if (errors.Count == 0)
        {
            return;
        }

        // kube-apiserver answers with a plain 500; a client's configuration must never produce a 5xx here, so the
        // emulator answers 400 with the same words, and repeats at most a short prefix of what the client sent.
        var metadata = config["metadata"] as JsonObject;
        var text = errors.Count == 1 ? errors[0] : "errors:\n  " + string.Join("\n  ", errors);
        throw PatchErrors.BadRequest(Excerpt.Of($"failed to create typed patch object ({Text(metadata?["namespace"])}/" +
            $"{Text(metadata?["name"])}; {GroupVersionKind(config)}): {text}", ApiLimits.MaxQuotedMessageLength, ExcerptMarker.Ellipsis));
    }

    private static void VisitMap(JsonObject map, PatchSchemaNode node, string path, List<string> errors)
    {
        foreach (var (key, value) in map)
        {
            var child = node.Field(key);
            var childPath = path + "." + key;
            switch (value)
            {
                case JsonObject obj:
                    VisitMap(obj, child, childPath, errors);
                    break;
                case JsonArray list when child.ListType != ApplyListType.Atomic:
                    VisitList(list, child, childPath, errors);
                    break;
            }
        }
    }

    private static void VisitList(JsonArray list, PatchSchemaNode node, string path, List<string> errors)
    {
        var seen = new HashSet<IReadOnlyList<JsonNode?>>(ListKeyComparer.Instance);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            if (ApplyListMerge.Key(item, node) is not { } key)
            {
                errors.Add($"{path}: element {i}: {KeyProblem(item, node)}");
                continue;
            }

            var element = Describe(key, node);
            if (!seen.Add(key))
            {
                errors.Add($"{path}: duplicate entries for key {element}");
            }

            if (item is JsonObject obj)
            {
                VisitMap(obj, node.Element, path + element, errors);
            }
        }
    }

    private static string KeyProblem(JsonNode? item, PatchSchemaNode node)
    {
        if (node.ListType == ApplyListType.Set)
        {
            return item switch
            {
                JsonObject => "associative list without keys has an element that's a map type",
                JsonArray => "not supported: associative list with lists as elements",
                _ => "associative list without keys has an element that's an explicit null",
            };
        }

        if (item is null)
        {
            return "associative list with keys may not have a null element";
        }

        if (item is not JsonObject map)
        {
            return "associative list with keys may not have non-map elements";
        }

        var missing = node.ListMapKeys.First(k => !map.ContainsKey(k) && !node.KeyDefaults.ContainsKey(k));
        return $"associative list with keys has an element that omits key field {FieldError.Quote(missing)} (and doesn't have default value)";
    }

    /// <summary>fieldpath.PathElement.String(): <c>[k1=v1,k2=v2]</c> with keys sorted, or <c>[=v]</c> in a set.</summary>
    private static string Describe(IReadOnlyList<JsonNode?> key, PatchSchemaNode node)
    {
        if (node.ListType == ApplyListType.Set)
        {
            return "[=" + ValueText(key[0]) + "]";
        }

        var parts = node.ListMapKeys.Select((name, i) => (name, value: key[i]))
            .OrderBy(p => p.name, StringComparer.Ordinal)
            .Select(p => p.name + "=" + ValueText(p.value));
        return "[" + string.Join(",", parts) + "]";
    }

    /// <summary>value.ToString: strings with %q, numbers and booleans with %v.</summary>
    private static string ValueText(JsonNode? value) => GoValues.KindOf(value) switch
    {
        GoKind.String => FieldError.Quote(value!.GetValue<string>()),
        GoKind.Nil => "null",
        _ => GoValues.Format(value),
    };

    private static string Text(JsonNode? value) =>
        GoValues.KindOf(value) == GoKind.String ? value!.GetValue<string>() : "";

    /// <summary>schema.GroupVersionKind.String(): <c>group/version, Kind=kind</c> (<c>/v1, Kind=Service</c>).</summary>
    private static string GroupVersionKind(JsonObject config)
    {
        var apiVersion = Text(config["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return string.Create(CultureInfo.InvariantCulture, $"{group}/{version}, Kind={Text(config["kind"])}");
    }
}
