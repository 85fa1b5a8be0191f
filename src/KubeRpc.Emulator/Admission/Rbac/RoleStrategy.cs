using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// rbac.authorization.k8s.io/v1 Role (pkg/registry/rbac/role strategy.go and policybased storage.go): no generation,
/// no status, created by a PUT to a missing name, validated by <see cref="RbacValidator"/>, and refused (403) to a user
/// who does not hold the rules it grants.
/// </summary>
public sealed class RoleStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override bool AllowCreateOnUpdate => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => RbacValidator.ValidateName(name, prefix);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var role = (V1Role)obj;
        EscalationCheck.CheckRole(context, "roles", role.Metadata.NamespaceProperty ?? "", role.Metadata.Name ?? "", "", role.Rules, aggregation: false);
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var role = (V1Role)obj;
        if (!EscalationCheck.OnlyGcFieldsChange(obj, old))
        {
            EscalationCheck.CheckRole(context, "roles", role.Metadata.NamespaceProperty ?? "", role.Metadata.Name, role.Metadata.Name, role.Rules, aggregation: false);
        }
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        RbacValidator.ValidateRole((V1Role)obj);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        RbacValidator.ValidateRoleUpdate((V1Role)obj, (V1Role)old);
}
