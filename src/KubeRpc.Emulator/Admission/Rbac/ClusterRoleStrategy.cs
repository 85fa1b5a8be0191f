using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// rbac.authorization.k8s.io/v1 ClusterRole (pkg/registry/rbac/clusterrole strategy.go and policybased storage.go): as a
/// Role, cluster-scoped, with an optional aggregationRule that only a user holding every permission may set. Every stored
/// change raises <see cref="Changed"/>, which the aggregation controller waits on.
/// </summary>
public sealed class ClusterRoleStrategy : ResourceStrategy
{
    /// <summary>Raised after a ClusterRole is created, changed or deleted (under the store's write lock: only signal).</summary>
    public event Action? Changed;

    /// <inheritdoc/>
    public override bool AllowCreateOnUpdate => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => RbacValidator.ValidateName(name, prefix);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var role = (V1ClusterRole)obj;
        EscalationCheck.CheckRole(context, "clusterroles", "", role.Metadata.Name ?? "", "", role.Rules, role.AggregationRule is not null);
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var role = (V1ClusterRole)obj;
        if (!EscalationCheck.OnlyGcFieldsChange(obj, old))
        {
            EscalationCheck.CheckRole(context, "clusterroles", "", role.Metadata.Name, role.Metadata.Name, role.Rules, role.AggregationRule is not null);
        }
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        RbacValidator.ValidateClusterRole((V1ClusterRole)obj);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        RbacValidator.ValidateClusterRoleUpdate((V1ClusterRole)obj, (V1ClusterRole)old);

    /// <inheritdoc/>
    public override void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current) => Changed?.Invoke();
}
