using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Which lists of a kind merge and by what key: the <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags of
/// k8s.io/api for strategic merge patch, and <c>+listType</c>/<c>+listMapKey</c>/<c>+mapType</c>/<c>+structType</c>
/// for server-side apply.
/// </summary>
/// <remarks>
/// Only fields that differ from the defaults are described; every other map merges and every other list is
/// replaced (SMP) or atomic (SSA), which is what an untagged Go field does. Described for all kinds:
/// <c>metadata.finalizers</c> (SMP merge of primitives; SSA set), <c>metadata.ownerReferences</c> (key
/// <c>uid</c>; SSA items atomic). Service: <c>spec.ports</c> (SMP key <c>port</c>; SSA keys <c>port</c>,
/// <c>protocol</c> with protocol defaulting to TCP), <c>spec.selector</c> (SSA atomic map),
/// <c>status.conditions</c> (key <c>type</c>). Namespace: <c>status.conditions</c> (key <c>type</c>).
/// Secret, Ingress and IngressClass have nothing beyond metadata; Namespace <c>spec.finalizers</c>,
/// <c>metadata.managedFields</c>, Service <c>clusterIPs</c>/<c>ipFamilies</c>/<c>externalIPs</c>,
/// <c>status.loadBalancer.ingress</c> and all Ingress lists are atomic. Deployment: <c>spec.selector</c> (SSA atomic),
/// the pod template of <see cref="PodTemplates"/>, <c>status.conditions</c> (key <c>type</c>). PodDisruptionBudget:
/// <c>spec.selector</c> (SSA atomic), <c>status.conditions</c> (key <c>type</c>). ConfigMap and NetworkPolicy (whose
/// lists are all atomic) have nothing beyond metadata. Pod: the pod spec of <see cref="PodTemplates"/>,
/// <c>status.conditions</c> (key <c>type</c>); Node: <c>status.conditions</c> (key <c>type</c>).
/// </remarks>
public sealed class PatchSchema
{
    internal static readonly PatchSchemaNode Conditions = new()
    {
        MergeList = true,
        MergeKey = "type",
        ListType = ApplyListType.Map,
        ListMapKeys = ["type"],
    };

    internal static readonly PatchSchemaNode ObjectMeta = new(
        ("finalizers", new PatchSchemaNode { MergeList = true, ListType = ApplyListType.Set }),
        ("ownerReferences", new PatchSchemaNode
        {
            MergeList = true,
            MergeKey = "uid",
            ListType = ApplyListType.Map,
            ListMapKeys = ["uid"],
            Items = new PatchSchemaNode { Atomic = true },
        }));

    private static readonly PatchSchemaNode ServicePorts = new()
    {
        MergeList = true,
        MergeKey = "port",
        ListType = ApplyListType.Map,
        ListMapKeys = ["port", "protocol"],
        KeyDefaults = new Dictionary<string, JsonNode> { ["protocol"] = JsonValue.Create("TCP") },
    };

    private static readonly IReadOnlyDictionary<string, PatchSchemaNode> Kinds = new Dictionary<string, PatchSchemaNode>
    {
        ["Deployment"] = new(
            ("metadata", ObjectMeta),
            ("spec", new PatchSchemaNode(("selector", new PatchSchemaNode { Atomic = true }), ("template", PodTemplates.Template))),
            ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["ConfigMap"] = new(("metadata", ObjectMeta)),
        ["Pod"] = new(
            ("metadata", ObjectMeta),
            ("spec", PodTemplates.Spec),
            ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["Node"] = new(("metadata", ObjectMeta), ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["PodDisruptionBudget"] = new(
            ("metadata", ObjectMeta),
            ("spec", new PatchSchemaNode(("selector", new PatchSchemaNode { Atomic = true }))),
            ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["NetworkPolicy"] = new(("metadata", ObjectMeta)),
        ["Service"] = new(
            ("metadata", ObjectMeta),
            ("spec", new PatchSchemaNode(("ports", ServicePorts), ("selector", new PatchSchemaNode { Atomic = true }))),
            ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["Namespace"] = new(("metadata", ObjectMeta), ("status", new PatchSchemaNode(("conditions", Conditions)))),
        ["Secret"] = new(("metadata", ObjectMeta)),
        ["Ingress"] = new(("metadata", ObjectMeta)),
        ["IngressClass"] = new(("metadata", ObjectMeta)),
    };

    private PatchSchema(string kind, PatchSchemaNode root)
    {
        Kind = kind;
        Root = root;
    }

    /// <summary>The kind this schema describes.</summary>
    public string Kind { get; }

    internal PatchSchemaNode Root { get; }

    /// <summary>A schema over an arbitrary field tree (tests, future kinds).</summary>
    internal static PatchSchema Create(string kind, PatchSchemaNode root) => new(kind, root);

    /// <summary>
    /// The schema of <paramref name="kind"/> (Service, Ingress, IngressClass, Secret, Namespace, ConfigMap, Deployment,
    /// PodDisruptionBudget, NetworkPolicy); any other kind
    /// gets the ObjectMeta rules only.
    /// </summary>
    public static PatchSchema ForKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new PatchSchema(kind, Kinds.TryGetValue(kind, out var root) ? root : new PatchSchemaNode(("metadata", ObjectMeta)));
    }
}
