using k8s;
using k8s.Models;

using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// networking.k8s.io/v1 Ingress (k/k <c>pkg/registry/networking/ingress/strategy.go</c>): no v1 defaults, the
/// DefaultIngressClass admission on create, generation 1 on create and +1 on every spec change, status cleared on
/// create and kept on update, <c>/status</c> writes that change nothing but status, and release-1.32 validation.
/// </summary>
public sealed class IngressStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        // Mutating admission runs after defaulting and before the registry's PrepareForCreate, as here.
        DefaultIngressClass.Admit((V1Ingress)obj, context.Cluster);
        return [];
    }

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var ingress = (V1Ingress)obj;
        ingress.Status = EmptyStatus();
        ingress.Metadata.Generation = 1;
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var ingress = (V1Ingress)obj;
        var previous = (V1Ingress)old;
        ingress.Status = previous.Status ?? EmptyStatus();
        // The generic store copies the old generation before the strategy runs, so a client cannot set it.
        ingress.Metadata.Generation = previous.Metadata.Generation;
        if (!SemanticEquality.Equal(ingress.Spec ?? new V1IngressSpec(), previous.Spec ?? new V1IngressSpec()))
        {
            ingress.Metadata.Generation = (previous.Metadata.Generation ?? 0) + 1;
        }
    }

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var ingress = (V1Ingress)obj;
        ingress.Spec = ((V1Ingress)old).Spec;
        ingress.Status ??= EmptyStatus();
        ingress.Status.LoadBalancer ??= new V1IngressLoadBalancerStatus();
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        IngressValidator.ValidateCreate((V1Ingress)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        IngressValidator.ValidateUpdate((V1Ingress)obj, (V1Ingress)old, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        IngressValidator.ValidateStatusUpdate((V1Ingress)obj, (V1Ingress)old);

    // Go's IngressStatus{} serialises as {"loadBalancer":{}}: the struct field has no pointer to omit.
    private static V1IngressStatus EmptyStatus() => new() { LoadBalancer = new V1IngressLoadBalancerStatus() };
}
