using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// The patch metadata of a core/v1 PodTemplateSpec (k8s.io/api core/v1 release-1.32 struct tags and list markers), for
/// the kinds that embed one. Strategic merge keys: containers, initContainers and ephemeralContainers by
/// <c>name</c>, volumes by <c>name</c> (<c>merge,retainKeys</c>), imagePullSecrets and schedulingGates and
/// resourceClaims by <c>name</c>, hostAliases by <c>ip</c>, topologySpreadConstraints by <c>topologyKey</c>; in a
/// container ports by <c>containerPort</c>, env by <c>name</c>, volumeMounts by <c>mountPath</c> and volumeDevices by
/// <c>devicePath</c>. Server-side apply uses the same keys as list-map keys, except ports (<c>containerPort</c>,
/// <c>protocol</c>, protocol defaulting to TCP) and topologySpreadConstraints (<c>topologyKey</c>,
/// <c>whenUnsatisfiable</c>); nodeSelector is an atomic map, every other list (command, args, tolerations, envFrom,
/// readinessGates, …) atomic.
/// </summary>
internal static class PodTemplates
{
    private static readonly PatchSchemaNode Container = new(
        ("ports", Keyed("containerPort", ["containerPort", "protocol"], new Dictionary<string, JsonNode> { ["protocol"] = JsonValue.Create("TCP") })),
        ("env", Keyed("name")),
        ("volumeMounts", Keyed("mountPath")),
        ("volumeDevices", Keyed("devicePath")));

    /// <summary>A PodSpec (a Pod's spec, a template's spec).</summary>
    public static readonly PatchSchemaNode Spec = new(
        ("containers", Keyed("name", items: Container)),
        ("initContainers", Keyed("name", items: Container)),
        ("ephemeralContainers", Keyed("name", items: Container)),
        ("volumes", Keyed("name")),
        ("imagePullSecrets", Keyed("name")),
        ("hostAliases", Keyed("ip")),
        ("topologySpreadConstraints", Keyed("topologyKey", ["topologyKey", "whenUnsatisfiable"])),
        ("schedulingGates", Keyed("name")),
        ("resourceClaims", Keyed("name")),
        ("nodeSelector", new PatchSchemaNode { Atomic = true }));

    /// <summary>A PodTemplateSpec: its metadata and spec.</summary>
    public static readonly PatchSchemaNode Template = new(("metadata", PatchSchema.ObjectMeta), ("spec", Spec));

    private static PatchSchemaNode Keyed(string mergeKey, string[]? mapKeys = null, IReadOnlyDictionary<string, JsonNode>? defaults = null,
        PatchSchemaNode? items = null) => new()
    {
        MergeList = true,
        MergeKey = mergeKey,
        ListType = ApplyListType.Map,
        ListMapKeys = mapKeys ?? [mergeKey],
        KeyDefaults = defaults ?? new Dictionary<string, JsonNode>(),
        Items = items,
    };
}
