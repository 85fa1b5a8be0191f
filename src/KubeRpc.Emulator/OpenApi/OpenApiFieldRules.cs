using k8s.Models;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Facts about fields that the C# models do not carry but Kubernetes' OpenAPI does: Go struct tags
/// (<c>patchStrategy</c>, <c>patchMergeKey</c>), <c>+listType</c>/<c>+listMapKey</c>/<c>+mapType</c> markers,
/// required string fields and enum values, for the fields of the types the emulator serves
/// (k8s.io/api core/v1 and networking/v1, apimachinery meta/v1 at 1.32).
/// Value-typed non-nullable fields (e.g. <c>ServicePort.port</c>) are required without being listed here.
/// </summary>
internal static class OpenApiFieldRules
{
    /// <summary>Extensions of one field.</summary>
    public sealed record FieldRule(
        string? PatchStrategy = null,
        string? PatchMergeKey = null,
        string? ListType = null,
        IReadOnlyList<string>? ListMapKeys = null,
        string? MapType = null,
        IReadOnlyList<string>? Enum = null);

    private static readonly FieldRule Atomic = new(ListType: "atomic");
    private static readonly IReadOnlyList<string> Protocols = ["SCTP", "TCP", "UDP"];

    private static readonly Dictionary<(Type, string), FieldRule> Rules = new()
    {
        [(typeof(V1ObjectMeta), "finalizers")] = new(PatchStrategy: "merge", ListType: "set"),
        [(typeof(V1ObjectMeta), "ownerReferences")] = new("merge", "uid", "map", ["uid"]),
        [(typeof(V1ObjectMeta), "managedFields")] = Atomic,
        [(typeof(V1ServiceSpec), "ports")] = new("merge", "port", "map", ["port", "protocol"]),
        [(typeof(V1ServiceSpec), "clusterIPs")] = Atomic,
        [(typeof(V1ServiceSpec), "externalIPs")] = Atomic,
        [(typeof(V1ServiceSpec), "ipFamilies")] = Atomic,
        [(typeof(V1ServiceSpec), "loadBalancerSourceRanges")] = Atomic,
        [(typeof(V1ServiceSpec), "selector")] = new(MapType: "atomic"),
        [(typeof(V1ServiceSpec), "type")] = new(Enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
        [(typeof(V1ServiceSpec), "sessionAffinity")] = new(Enum: ["ClientIP", "None"]),
        [(typeof(V1ServiceSpec), "externalTrafficPolicy")] = new(Enum: ["Cluster", "Local"]),
        [(typeof(V1ServiceSpec), "internalTrafficPolicy")] = new(Enum: ["Cluster", "Local"]),
        [(typeof(V1ServiceSpec), "ipFamilyPolicy")] = new(Enum: ["PreferDualStack", "RequireDualStack", "SingleStack"]),
        [(typeof(V1ServicePort), "protocol")] = new(Enum: Protocols),
        [(typeof(V1PortStatus), "protocol")] = new(Enum: Protocols),
        [(typeof(V1IngressPortStatus), "protocol")] = new(Enum: Protocols),
        [(typeof(V1ServiceStatus), "conditions")] = new("merge", "type", "map", ["type"]),
        [(typeof(V1LoadBalancerStatus), "ingress")] = Atomic,
        [(typeof(V1LoadBalancerIngress), "ports")] = Atomic,
        [(typeof(V1NamespaceSpec), "finalizers")] = Atomic,
        [(typeof(V1NamespaceStatus), "conditions")] = new("merge", "type", "map", ["type"]),
        [(typeof(V1NamespaceStatus), "phase")] = new(Enum: ["Active", "Terminating"]),
        [(typeof(V1IngressSpec), "rules")] = Atomic,
        [(typeof(V1IngressSpec), "tls")] = Atomic,
        [(typeof(V1IngressTLS), "hosts")] = Atomic,
        [(typeof(V1HTTPIngressRuleValue), "paths")] = Atomic,
        [(typeof(V1HTTPIngressPath), "pathType")] = new(Enum: ["Exact", "ImplementationSpecific", "Prefix"]),
        [(typeof(V1IngressLoadBalancerStatus), "ingress")] = Atomic,
        [(typeof(V1IngressLoadBalancerIngress), "ports")] = Atomic,
        [(typeof(V1StatusDetails), "causes")] = Atomic,
    };

    // Required reference-typed fields (Go fields without omitempty that OpenAPI lists under "required").
    private static readonly Dictionary<Type, string[]> RequiredFields = new()
    {
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid"],
        [typeof(V1Condition)] = ["type", "status", "lastTransitionTime", "reason", "message"],
        [typeof(V1NamespaceCondition)] = ["type", "status"],
        [typeof(V1PortStatus)] = ["port", "protocol"],
        [typeof(V1IngressPortStatus)] = ["port", "protocol"],
        [typeof(V1IngressServiceBackend)] = ["name"],
        [typeof(V1HTTPIngressPath)] = ["pathType", "backend"],
        [typeof(V1HTTPIngressRuleValue)] = ["paths"],
        [typeof(V1TypedLocalObjectReference)] = ["kind", "name"],
        [typeof(V1IngressClassParametersReference)] = ["kind", "name"],
        [typeof(V1ServicePort)] = ["port"],
    };

    // Structs marked +structType=atomic: merged as a whole by server-side apply.
    private static readonly HashSet<Type> AtomicStructs = [typeof(V1TypedLocalObjectReference)];

    /// <summary>The extensions of a field, or null when it has none.</summary>
    public static FieldRule? For(Type owner, string jsonName) => Rules.GetValueOrDefault((owner, jsonName));

    /// <summary>True when OpenAPI lists the field under <c>required</c>.</summary>
    public static bool IsRequired(Type owner, ModelProperty property) =>
        property.IsNonNullableValue || (RequiredFields.TryGetValue(owner, out var names) && names.Contains(property.JsonName));

    /// <summary>True for structs whose schema carries <c>x-kubernetes-map-type: atomic</c>.</summary>
    public static bool IsAtomicStruct(Type type) => AtomicStructs.Contains(type);
}
