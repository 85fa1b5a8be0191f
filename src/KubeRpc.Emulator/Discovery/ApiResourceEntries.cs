using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Discovery;

/// <summary>
/// The per-resource parts of discovery: legacy <c>APIResource</c> entries (the parent, then one
/// <c>services/status</c>-style entry per subresource) and aggregated <c>APIResourceDiscovery</c> entries.
/// </summary>
internal static class ApiResourceEntries
{
    /// <summary>The parent entry and its subresources, in that order (JS clients take the first entry of a kind).</summary>
    public static IEnumerable<JsonObject> Legacy(ResourceType resource)
    {
        var parent = new JsonObject
        {
            ["name"] = resource.Plural,
            ["singularName"] = resource.Singular,
            ["namespaced"] = resource.Namespaced,
            ["kind"] = resource.Kind,
            ["verbs"] = Strings(resource.Verbs),
        };
        if (resource.ShortNames.Count > 0)
        {
            parent["shortNames"] = Strings(resource.ShortNames);
        }
        if (resource.Categories.Count > 0)
        {
            parent["categories"] = Strings(resource.Categories);
        }
        if (resource.Handler is null)
        {
            // Resources served by code (reviews) have no storage, so kube-apiserver gives them no hash.
            parent["storageVersionHash"] = StorageVersionHash(resource.Group, resource.Version, resource.Kind);
        }
        yield return parent;

        foreach (var sub in resource.Subresources)
        {
            yield return new JsonObject
            {
                ["name"] = resource.Plural + "/" + sub.Name,
                ["singularName"] = "",
                ["namespaced"] = resource.Namespaced,
                ["kind"] = SubresourceKind(resource, sub),
                ["verbs"] = Strings(sub.Verbs),
            };
        }
    }

    /// <summary>One <c>APIResourceDiscovery</c> of an aggregated <c>APIGroupDiscoveryList</c>.</summary>
    public static JsonObject Aggregated(ResourceType resource)
    {
        var entry = new JsonObject
        {
            ["resource"] = resource.Plural,
            ["responseKind"] = ResponseKind(resource, resource.Kind),
            ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = resource.Singular,
            ["verbs"] = Strings(resource.Verbs),
        };
        if (resource.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(resource.ShortNames);
        }
        if (resource.Categories.Count > 0)
        {
            entry["categories"] = Strings(resource.Categories);
        }
        if (resource.Subresources.Count > 0)
        {
            entry["subresources"] = new JsonArray([.. resource.Subresources.Select(sub => (JsonNode)new JsonObject
            {
                ["subresource"] = sub.Name,
                ["responseKind"] = ResponseKind(resource, SubresourceKind(resource, sub)),
                ["verbs"] = Strings(sub.Verbs),
            })]);
        }
        return entry;
    }

    /// <summary>
    /// kube-apiserver's <c>storageVersionHash</c>: base64 of the first 8 bytes of SHA-256 over
    /// <c>group/version/kind</c> (<c>/v1/Service</c> → <c>0/CO1lhkEBI=</c>). Clients treat it as opaque.
    /// </summary>
    public static string StorageVersionHash(string group, string version, string kind)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(group + "/" + version + "/" + kind));
        return Convert.ToBase64String(digest, 0, 8);
    }

    /// <summary>The kind a subresource answers with: <c>ServiceProxyOptions</c> for proxy, the parent's kind otherwise.</summary>
    public static string SubresourceKind(ResourceType resource, SubresourceType sub) =>
        sub.Name == "proxy" ? resource.Kind + "ProxyOptions" : resource.Kind;

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonObject ResponseKind(ResourceType resource, string kind) => new()
    {
        ["group"] = resource.Group,
        ["version"] = resource.Version,
        ["kind"] = kind,
    };
}
