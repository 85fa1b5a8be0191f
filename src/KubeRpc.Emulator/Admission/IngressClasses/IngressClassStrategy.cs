using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;

using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.IngressClasses;

/// <summary>
/// networking.k8s.io/v1 IngressClass, cluster-scoped (k/k <c>pkg/registry/networking/ingressclass/strategy.go</c>):
/// <c>parameters.scope</c> defaults to Cluster, generation 1 on create and +1 on every spec change, the controller
/// is required, at most 250 bytes, a domain-prefixed path and immutable.
/// </summary>
public sealed class IngressClassStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        // SetDefaults_IngressClass (apis/networking/v1/defaults.go).
        var parameters = ((V1IngressClass)obj).Spec?.Parameters;
        if (parameters is not null)
        {
            parameters.Scope ??= "Cluster";
        }
    }

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) => obj.Metadata.Generation = 1;

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var ingressClass = (V1IngressClass)obj;
        var previous = (V1IngressClass)old;
        // The generic store copies the old generation before the strategy runs, so a client cannot set it.
        ingressClass.Metadata.Generation = previous.Metadata.Generation;
        if (!SemanticEquality.Equal(ingressClass.Spec ?? new V1IngressClassSpec(), previous.Spec ?? new V1IngressClassSpec()))
        {
            ingressClass.Metadata.Generation = (previous.Metadata.Generation ?? 0) + 1;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        IngressClassValidator.Validate((V1IngressClass)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        IngressClassValidator.ValidateUpdate((V1IngressClass)obj, (V1IngressClass)old, ValidateName);
}
