using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.NetworkPolicies;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy (k/k <c>pkg/registry/networking/networkpolicy/strategy.go</c>): the v1 defaults
/// (<c>SetDefaults_NetworkPolicy</c>: policyTypes, port protocols), generation 1 on create and +1 on every spec change,
/// release-1.32 validation. It has no status in 1.32, and nothing enforces it here.
/// </summary>
public sealed class NetworkPolicyStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) => NetworkPolicyDefaults.Apply((V1NetworkPolicy)obj);

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) => obj.Metadata.Generation = 1;

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var policy = (V1NetworkPolicy)obj;
        var previous = (V1NetworkPolicy)old;
        if (!SemanticEquality.Equal(policy.Spec ?? new V1NetworkPolicySpec(), previous.Spec ?? new V1NetworkPolicySpec()))
        {
            policy.Metadata.Generation = (previous.Metadata.Generation ?? 0) + 1;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var policy = (V1NetworkPolicy)obj;
        var errors = ObjectMetaValidator.ValidateObjectMeta(policy.Metadata, true, ValidateName, new FieldPath("metadata"), coreFinalizerNames: true);
        errors.AddRange(NetworkPolicyValidator.ValidateSpec(policy.Spec ?? new V1NetworkPolicySpec(), allowInvalidLabelValue: false));
        return errors;
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var policy = (V1NetworkPolicy)obj;
        var previous = (V1NetworkPolicy)old;
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(policy.Metadata, previous.Metadata, new FieldPath("metadata"), coreFinalizerNames: true);
        // ValidationOptionsForNetworking: an old pod selector that is already invalid may keep its label values.
        var allowInvalid = LabelSelectorValidator.Validate(previous.Spec?.PodSelector ?? new V1LabelSelector(), FieldPath.Root).Count > 0;
        errors.AddRange(NetworkPolicyValidator.ValidateSpec(policy.Spec ?? new V1NetworkPolicySpec(), allowInvalid));
        return errors;
    }
}
