using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Maps KubernetesClient model types to the component names kube-apiserver uses in its OpenAPI documents,
/// e.g. <c>V1ServiceSpec</c> → <c>io.k8s.api.core.v1.ServiceSpec</c>, <c>V1ObjectMeta</c> →
/// <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>. The Go package is not recorded in the C# models,
/// so it is inferred: top-level kinds from <c>[KubernetesEntity]</c>, apimachinery types from a fixed list,
/// networking types by name (<c>Ingress*</c>, <c>HTTPIngress*</c>, <c>NetworkPolicy*</c>, <c>IPBlock</c>), apps and policy
/// types by name (<c>Deployment*</c>, <c>RollingUpdateDeployment</c>, <c>PodDisruptionBudget*</c>), everything else core.
/// </summary>
internal static partial class OpenApiSchemaNames
{
    public const string ComponentsPrefix = "#/components/schemas/";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    public const string Status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    public const string DeleteOptions = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.";

    // The apimachinery meta/v1 types the models reach; anything else is a group's own type.
    private static readonly HashSet<string> MetaTypes = new(StringComparer.Ordinal)
    {
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "FieldsV1", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta",
        "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Preconditions", "ServerAddressByClientCIDR",
        "ShardInfo", "Status", "StatusCause", "StatusDetails", "WatchEvent",
    };

    // networking/v1 types not named Ingress*/HTTPIngress* (core's LoadBalancerIngress is not one of them).
    private static readonly HashSet<string> NetworkingTypes = new(StringComparer.Ordinal) { "ServiceBackendPort" };

    // The nested types of apps/v1 Deployment, policy/v1 PodDisruptionBudget and networking/v1 NetworkPolicy, by name prefix.
    private static readonly (string Prefix, string Package)[] GroupTypePrefixes =
    [
        ("Deployment", "apps"), ("RollingUpdateDeployment", "apps"), ("PodDisruptionBudget", "policy"),
        ("NetworkPolicy", "networking"), ("IPBlock", "networking"),
    ];

    // The nested types of discovery/v1 EndpointSlice (core's are Endpoints, EndpointSubset, EndpointAddress and
    // CoreV1EndpointPort, so the names are listed rather than matched by prefix).
    private static readonly HashSet<string> DiscoveryTypes = new(StringComparer.Ordinal) { "Endpoint", "EndpointConditions", "EndpointHints", "ForZone", "ForNode" };

    /// <summary>The component name of a model type.</summary>
    public static string Of(Type type)
    {
        // The models prefix a name two groups share with the group (Discoveryv1EndpointPort vs Corev1EndpointPort).
        if (type.Name.StartsWith("Discoveryv1", StringComparison.Ordinal))
        {
            return "io.k8s.api.discovery.v1." + type.Name["Discoveryv1".Length..];
        }
        var match = VersionPrefix().Match(type.Name);
        var version = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "v1";
        var name = match.Success ? type.Name[match.Length..] : type.Name;
        if (MetaTypes.Contains(name))
        {
            return MetaPackage + version + "." + name;
        }
        return "io.k8s.api." + Package(type, name) + "." + version + "." + name;
    }

    /// <summary>A JSON reference to a component, e.g. <c>#/components/schemas/io.k8s.api.core.v1.Service</c>.</summary>
    public static string Ref(string componentName) => ComponentsPrefix + componentName;

    /// <summary>The short Go package of an API group: <c>core</c> for "", <c>networking</c> for networking.k8s.io.</summary>
    public static string GroupPackage(string group) => group.Length == 0 ? "core" : group.Split('.')[0];

    private static string Package(Type type, string name)
    {
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
        {
            return GroupPackage(entity.Group ?? "");
        }
        if (DiscoveryTypes.Contains(name))
        {
            return "discovery";
        }
        foreach (var (prefix, package) in GroupTypePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return package;
            }
        }
        var networking = name.StartsWith("Ingress", StringComparison.Ordinal) || name.StartsWith("HTTPIngress", StringComparison.Ordinal)
            || NetworkingTypes.Contains(name);
        return networking ? "networking" : "core";
    }

    [GeneratedRegex("^(V[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
