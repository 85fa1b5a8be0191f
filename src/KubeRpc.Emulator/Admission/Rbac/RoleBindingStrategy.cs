using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// rbac.authorization.k8s.io/v1 RoleBinding (pkg/registry/rbac/rolebinding strategy.go and policybased storage.go):
/// roleRef and subject API groups defaulted, roleRef immutable, and only a user who may <c>bind</c> the role, or holds
/// all of its rules in the namespace, may write one.
/// </summary>
public sealed class RoleBindingStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override bool AllowCreateOnUpdate => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => RbacValidator.ValidateName(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var binding = (V1RoleBinding)obj;
        RbacDefaults.Binding(binding.RoleRef, binding.Subjects);
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var binding = (V1RoleBinding)obj;
        EscalationCheck.CheckBinding(context, "rolebindings", binding.Metadata.NamespaceProperty ?? "", binding.Metadata.Name ?? "",
            binding.RoleRef ?? new V1RoleRef());
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var binding = (V1RoleBinding)obj;
        if (!EscalationCheck.OnlyGcFieldsChange(obj, old))
        {
            EscalationCheck.CheckBinding(context, "rolebindings", binding.Metadata.NamespaceProperty ?? "", binding.Metadata.Name,
                binding.RoleRef ?? new V1RoleRef());
        }
        return [];
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        RbacValidator.ValidateRoleBinding((V1RoleBinding)obj);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        RbacValidator.ValidateRoleBindingUpdate((V1RoleBinding)obj, (V1RoleBinding)old);
}
