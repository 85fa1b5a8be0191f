using System.Text.Json.Nodes;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Discovery;

/// <summary>
/// The bodies of the discovery endpoints, generated from the served <see cref="ResourceType"/>s.
/// </summary>
/// <remarks>
/// <para>Legacy discovery (every client): <see cref="ApiVersions"/> for <c>/api</c>, <see cref="ApiGroupList"/> for
/// <c>/apis</c>, <see cref="ApiGroup"/> for <c>/apis/&lt;group&gt;</c>, <see cref="ApiResourceList"/> for
/// <c>/api/v1</c> and <c>/apis/&lt;group&gt;/&lt;version&gt;</c>. Aggregated discovery (kubectl, when
/// <see cref="AggregatedDiscoveryNegotiation.Select"/> says so): <see cref="AggregatedLegacyGroup"/> for <c>/api</c>
/// and <see cref="AggregatedGroups"/> for <c>/apis</c>, sent with
/// <see cref="AggregatedDiscoveryNegotiation.ContentType"/>.</para>
/// <para>Resources, groups and versions keep the order of the constructor's list (the first version of a group
/// is its preferred version); subresources follow their parent. Each call returns a new tree the caller may
/// modify or serialize. kubectl caches discovery per host:port for 6 hours, so keep the set stable per port.</para>
/// </remarks>
public sealed class DiscoveryDocuments
{
    private readonly List<ResourceType> resources;

    public DiscoveryDocuments(IEnumerable<ResourceType> resources) => this.resources = [.. resources];

    /// <summary>
    /// <c>GET /api</c>: <c>{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":…}]}</c>;
    /// python's model requires the address list.
    /// </summary>
    /// <param name="serverAddress">Where clients reach the server, e.g. <c>127.0.0.1:6443</c>.</param>
    public JsonObject ApiVersions(string serverAddress)
    {
        var versions = CoreVersions();
        return new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = ApiResourceEntries.Strings(versions.Count > 0 ? versions : ["v1"]),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        };
    }

    /// <summary><c>GET /apis</c>: an <c>APIGroupList</c> of every named group (the core group is not listed).</summary>
    public JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)GroupBody(g, new JsonObject()))]),
    };

    /// <summary><c>GET /apis/&lt;group&gt;</c>: an <c>APIGroup</c>, or null when the group is not served (answer 404).</summary>
    public JsonObject? ApiGroup(string group)
    {
        if (group.Length == 0 || !Groups().Contains(group, StringComparer.Ordinal))
        {
            return null;
        }
        return GroupBody(group, new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" });
    }

    /// <summary>
    /// <c>GET /api/v1</c> (group "") or <c>GET /apis/&lt;group&gt;/&lt;version&gt;</c>: an <c>APIResourceList</c>,
    /// or null when nothing is served there (answer 404).
    /// </summary>
    public JsonObject? ApiResourceList(string group, string version)
    {
        var served = In(group, version).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = new JsonArray([.. served.SelectMany(ApiResourceEntries.Legacy)]),
        };
    }

    /// <summary><c>GET /api</c> with aggregated discovery: an <c>APIGroupDiscoveryList</c> holding the core group.</summary>
    public JsonObject AggregatedLegacyGroup(AggregatedDiscoveryVersion version) =>
        DiscoveryList(version, CoreVersions().Count > 0 ? [""] : []);

    /// <summary><c>GET /apis</c> with aggregated discovery: an <c>APIGroupDiscoveryList</c> of every named group.</summary>
    public JsonObject AggregatedGroups(AggregatedDiscoveryVersion version) => DiscoveryList(version, Groups());

    private JsonObject DiscoveryList(AggregatedDiscoveryVersion version, IReadOnlyList<string> groups) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = AggregatedDiscoveryNegotiation.ApiVersion(version),
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. groups.Select(g => (JsonNode)AggregatedGroup(g))]),
    };

    private JsonObject AggregatedGroup(string group)
    {
        var metadata = new JsonObject();
        if (group.Length > 0)
        {
            metadata["name"] = group;
        }
        metadata["creationTimestamp"] = null;
        var versions = Versions(group).Select(v => (JsonNode)new JsonObject
        {
            ["version"] = v,
            ["resources"] = new JsonArray([.. In(group, v).Select(r => (JsonNode)ApiResourceEntries.Aggregated(r))]),
            ["freshness"] = "Current",
        });
        return new JsonObject { ["metadata"] = metadata, ["versions"] = new JsonArray([.. versions]) };
    }

    /// <summary>Adds an <c>APIGroup</c>'s name, versions and preferred (first) version to <paramref name="body"/>.</summary>
    private JsonObject GroupBody(string group, JsonObject body)
    {
        var versions = Versions(group).Select(v => (JsonNode)GroupVersion(group, v)).ToArray();
        body["name"] = group;
        body["versions"] = new JsonArray(versions);
        body["preferredVersion"] = versions[0]!.DeepClone();
        return body;
    }

    private static JsonObject GroupVersion(string group, string version) => new() { ["groupVersion"] = group + "/" + version, ["version"] = version };

    private List<string> CoreVersions() => Versions("");

    private List<string> Groups() => [.. resources.Where(r => r.Group.Length > 0).Select(r => r.Group).Distinct(StringComparer.Ordinal)];

    private List<string> Versions(string group) =>
        [.. resources.Where(r => r.Group == group).Select(r => r.Version).Distinct(StringComparer.Ordinal)];

    private IEnumerable<ResourceType> In(string group, string version) => resources.Where(r => r.Group == group && r.Version == version);
}
