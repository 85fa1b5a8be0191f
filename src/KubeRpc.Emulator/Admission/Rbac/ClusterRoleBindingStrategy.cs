using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// rbac.authorization.k8s.io/v1 ClusterRoleBinding (pkg/registry/rbac/clusterrolebinding strategy.go and policybased storage.go):
/// roleRef and subject API groups defaulted, roleRef immutable, and only a user who may <c>bind</c> the role, or holds
/// all of its rules cluster-wide, may write one.
/// </summary>
public sealed class ClusterRoleBindingStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override bool AllowCreateOnUpdate => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => RbacValidator.ValidateName(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var binding = (V1ClusterRoleBinding)obj;
        RbacDefaults.Binding(binding.RoleRef, binding.Subjects);
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var binding = (V1ClusterRoleBinding)obj;
        EscalationCheck.CheckBinding(context, "clusterrolebindings", "", binding.Metadata.Name ?? "",
            binding.RoleRef ?? new V1RoleRef());
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var binding = (V1ClusterRoleBinding)obj;
        if (!EscalationCheck.OnlyGcFieldsChange(obj, old))
        {
            EscalationCheck.CheckBinding(context, "clusterrolebindings", "", binding.Metadata.Name,
                binding.RoleRef ?? new V1RoleRef());
        }
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        RbacValidator.ValidateClusterRoleBinding((V1ClusterRoleBinding)obj);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        RbacValidator.ValidateClusterRoleBindingUpdate((V1ClusterRoleBinding)obj, (V1ClusterRoleBinding)old);
}
