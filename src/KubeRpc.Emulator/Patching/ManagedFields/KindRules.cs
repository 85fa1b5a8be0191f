using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// Per-kind facts the field manager needs: the fields a write cannot own because the registry strategy resets
/// them (<c>GetResetFields</c> in <c>pkg/registry/...</c>), the fields nobody ever owns (apimachinery
/// <c>stripmeta.go</c>), and the shape of the empty object a create is compared against.
/// </summary>
internal static class KindRules
{
    /// <summary>
    /// stripmeta.go's set, plus <c>deletionTimestamp</c> and <c>deletionGracePeriodSeconds</c>: the apiserver sets
    /// those outside the field manager, so they are never owned there either.
    /// </summary>
    public static readonly FieldSet Stripped = FieldSet.Of(
        [Field("apiVersion")],
        [Field("kind")],
        [Field("metadata")],
        Meta("name"),
        Meta("namespace"),
        Meta("creationTimestamp"),
        Meta("selfLink"),
        Meta("uid"),
        Meta("clusterName"),
        Meta("generation"),
        Meta("managedFields"),
        Meta("resourceVersion"),
        Meta("deletionTimestamp"),
        Meta("deletionGracePeriodSeconds"));

    private static readonly FieldSet Status = FieldSet.Of([Field("status")]);
    private static readonly FieldSet Spec = FieldSet.Of([Field("spec")]);
    private static readonly FieldSet DeploymentStatusReset = FieldSet.Of([Field("spec")], Meta("labels"));

    /// <summary>
    /// Service, Ingress, Namespace, Deployment and PodDisruptionBudget writes reset status, their <c>/status</c>
    /// writes reset spec (a Deployment's also its labels), and a Namespace <c>/finalize</c> write resets status.
    /// Secret, IngressClass, ConfigMap and NetworkPolicy reset nothing.
    /// </summary>
    public static FieldSet ResetFields(string kind, string subresource) => (kind, subresource) switch
    {
        ("Service" or "Ingress" or "Namespace", "") => Status,
        ("Service" or "Ingress" or "Namespace", "status") => Spec,
        ("Namespace", "finalize") => Status,
        ("Deployment" or "PodDisruptionBudget" or "Pod" or "Node", "") => Status,
        ("Pod" or "Node", "status") => Spec,
        ("Deployment", "status") => DeploymentStatusReset,
        ("PodDisruptionBudget", "status") => Spec,
        _ => new FieldSet(),
    };

    /// <summary>
    /// The object a create starts from: the Go type's zero value, in which non-pointer structs (metadata, and
    /// spec/status where the type has them) are present but empty, so a created object does not own them whole.
    /// </summary>
    public static JsonObject Empty(string kind)
    {
        var empty = new JsonObject { ["metadata"] = new JsonObject() };
        if (kind is "Service" or "Ingress" or "Namespace" or "IngressClass" or "Deployment" or "PodDisruptionBudget" or "NetworkPolicy" or "Pod" or "Node")
        {
            empty["spec"] = new JsonObject();
        }

        if (kind is "Service" or "Ingress" or "Namespace" or "Deployment" or "PodDisruptionBudget" or "Pod" or "Node")
        {
            empty["status"] = new JsonObject();
        }

        return empty;
    }

    private static PathElement Field(string name) => PathElement.Field(name);

    private static PathElement[] Meta(string name) => [Field("metadata"), Field(name)];
}
