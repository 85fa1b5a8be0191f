using k8s.Models;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Facts about fields that the C# models do not carry but Kubernetes' OpenAPI does: Go struct tags
/// (<c>patchStrategy</c>, <c>patchMergeKey</c>), <c>+listType</c>/<c>+listMapKey</c>/<c>+mapType</c> markers,
/// required string fields and enum values, for the fields of the types the emulator serves
/// (k8s.io/api core/v1, apps/v1, policy/v1 and networking/v1, apimachinery meta/v1 at 1.32).
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
        // Pod templates (Deployment) and the other kinds of apps/v1, policy/v1 and networking/v1 NetworkPolicy.
        [(typeof(V1PodSpec), "containers")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "initContainers")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "ephemeralContainers")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "volumes")] = new("merge,retainKeys", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "imagePullSecrets")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "hostAliases")] = new("merge", "ip", "map", ["ip"]),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new("merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]),
        [(typeof(V1PodSpec), "schedulingGates")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "resourceClaims")] = new("merge,retainKeys", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "nodeSelector")] = new(MapType: "atomic"),
        [(typeof(V1PodSpec), "tolerations")] = Atomic,
        [(typeof(V1PodSpec), "readinessGates")] = Atomic,
        [(typeof(V1PodSpec), "restartPolicy")] = new(Enum: ["Always", "Never", "OnFailure"]),
        [(typeof(V1PodSpec), "dnsPolicy")] = new(Enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]),
        [(typeof(V1Container), "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        [(typeof(V1Container), "env")] = new("merge", "name", "map", ["name"]),
        [(typeof(V1Container), "volumeMounts")] = new("merge", "mountPath", "map", ["mountPath"]),
        [(typeof(V1Container), "volumeDevices")] = new("merge", "devicePath", "map", ["devicePath"]),
        [(typeof(V1Container), "command")] = Atomic,
        [(typeof(V1Container), "args")] = Atomic,
        [(typeof(V1Container), "envFrom")] = Atomic,
        [(typeof(V1Container), "resizePolicy")] = Atomic,
        [(typeof(V1Container), "imagePullPolicy")] = new(Enum: ["Always", "IfNotPresent", "Never"]),
        [(typeof(V1Container), "terminationMessagePolicy")] = new(Enum: ["FallbackToLogsOnError", "File"]),
        [(typeof(V1ContainerPort), "protocol")] = new(Enum: Protocols),
        [(typeof(V1LabelSelector), "matchExpressions")] = Atomic,
        [(typeof(V1LabelSelectorRequirement), "values")] = Atomic,
        [(typeof(V1DeploymentSpec), "strategy")] = new(PatchStrategy: "retainKeys"),
        [(typeof(V1DeploymentStrategy), "type")] = new(Enum: ["Recreate", "RollingUpdate"]),
        [(typeof(V1DeploymentStatus), "conditions")] = new("merge", "type", "map", ["type"]),
        [(typeof(V1PodDisruptionBudgetSpec), "unhealthyPodEvictionPolicy")] = new(Enum: ["AlwaysAllow", "IfHealthyBudget"]),
        [(typeof(V1PodDisruptionBudgetStatus), "conditions")] = new("merge", "type", "map", ["type"]),
        [(typeof(V1NetworkPolicySpec), "ingress")] = Atomic,
        [(typeof(V1NetworkPolicySpec), "egress")] = Atomic,
        [(typeof(V1NetworkPolicySpec), "policyTypes")] = Atomic,
        [(typeof(V1NetworkPolicyIngressRule), "ports")] = Atomic,
        [(typeof(V1NetworkPolicyIngressRule), "from")] = Atomic,
        [(typeof(V1NetworkPolicyEgressRule), "ports")] = Atomic,
        [(typeof(V1NetworkPolicyEgressRule), "to")] = Atomic,
        [(typeof(V1NetworkPolicyPort), "protocol")] = new(Enum: Protocols),
        [(typeof(V1IPBlock), "except")] = Atomic,
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
        [typeof(V1Container)] = ["name"],
        [typeof(V1Volume)] = ["name"],
        [typeof(V1EnvVar)] = ["name"],
        [typeof(V1VolumeMount)] = ["name", "mountPath"],
        [typeof(V1LabelSelectorRequirement)] = ["key", "operator"],
        [typeof(V1DeploymentSpec)] = ["selector", "template"],
        [typeof(V1DeploymentCondition)] = ["type", "status"],
        [typeof(V1PodDisruptionBudgetStatus)] = ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"],
        [typeof(V1NetworkPolicySpec)] = ["podSelector"],
        [typeof(V1IPBlock)] = ["cidr"],
    };

    // Structs marked +structType=atomic: merged as a whole by server-side apply.
    private static readonly HashSet<Type> AtomicStructs = [typeof(V1TypedLocalObjectReference), typeof(V1LabelSelector)];

    /// <summary>The extensions of a field, or null when it has none.</summary>
    public static FieldRule? For(Type owner, string jsonName) => Rules.GetValueOrDefault((owner, jsonName));

    /// <summary>True when OpenAPI lists the field under <c>required</c>.</summary>
    public static bool IsRequired(Type owner, ModelProperty property) =>
        property.IsNonNullableValue || (RequiredFields.TryGetValue(owner, out var names) && names.Contains(property.JsonName));

    /// <summary>True for structs whose schema carries <c>x-kubernetes-map-type: atomic</c>.</summary>
    public static bool IsAtomicStruct(Type type) => AtomicStructs.Contains(type);
}
