using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.PodDisruptionBudgets;

/// <summary>
/// policy/v1 PodDisruptionBudget (k/k <c>pkg/registry/policy/poddisruptionbudget/strategy.go</c>): no v1 defaults,
/// status cleared and generation 1 on create, status kept and generation +1 on a spec change, <c>/status</c> writes
/// that keep the spec. No disruption controller runs here, so the status stays zero unless written.
/// </summary>
/// <remarks>
/// Like kube-apiserver, the strategy validates the spec only; metadata gets the generic store's checks
/// (<c>ValidateObjectMetaAccessor</c> with path-segment names), and only once the spec is valid.
/// </remarks>
public sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    private static readonly FieldPath Metadata = new("metadata");

    /// <summary><c>path.ValidatePathSegmentName</c>: a generateName prefix may still be "." or "..".</summary>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) =>
        prefix && name is "." or ".." ? [] : IngressBackendValidator.PathSegmentNameErrors(name);

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var budget = (V1PodDisruptionBudget)obj;
        budget.Status = EmptyStatus();
        budget.Metadata.Generation = 1;
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var budget = (V1PodDisruptionBudget)obj;
        var previous = (V1PodDisruptionBudget)old;
        budget.Status = previous.Status ?? EmptyStatus();
        if (!SemanticEquality.Equal(budget.Spec ?? new V1PodDisruptionBudgetSpec(), previous.Spec ?? new V1PodDisruptionBudgetSpec()))
        {
            budget.Metadata.Generation = (previous.Metadata.Generation ?? 0) + 1;
        }
    }

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var budget = (V1PodDisruptionBudget)obj;
        budget.Spec = ((V1PodDisruptionBudget)old).Spec;
        budget.Status = WithZeros(budget.Status ?? EmptyStatus());
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var budget = (V1PodDisruptionBudget)obj;
        var errors = PodDisruptionBudgetValidator.ValidateSpec(budget.Spec ?? new V1PodDisruptionBudgetSpec(), allowInvalidLabelValue: false);
        return errors.Count > 0
            ? errors
            : ObjectMetaValidator.ValidateObjectMeta(budget.Metadata, true, ValidateName, Metadata);
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var budget = (V1PodDisruptionBudget)obj;
        var previous = (V1PodDisruptionBudget)old;
        // validateCommonFields runs before the strategy on update.
        var errors = ObjectMetaValidator.ValidateObjectMeta(budget.Metadata, true, ValidateName, Metadata);
        errors.AddRange(ObjectMetaValidator.ValidateObjectMetaUpdate(budget.Metadata, previous.Metadata, Metadata));
        // An old selector that is already invalid may keep its label values (ValidationOptions of the strategy).
        var allowInvalid = LabelSelectorValidator.Validate(previous.Spec?.Selector, Metadata).Count > 0;
        errors.AddRange(PodDisruptionBudgetValidator.ValidateSpec(budget.Spec ?? new V1PodDisruptionBudgetSpec(), allowInvalid));
        return errors;
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var budget = (V1PodDisruptionBudget)obj;
        var previous = (V1PodDisruptionBudget)old;
        var errors = ObjectMetaValidator.ValidateObjectMeta(budget.Metadata, true, ValidateName, Metadata);
        errors.AddRange(ObjectMetaValidator.ValidateObjectMetaUpdate(budget.Metadata, previous.Metadata, Metadata));
        errors.AddRange(PodDisruptionBudgetValidator.ValidateStatus(budget.Status ?? EmptyStatus()));
        return errors;
    }

    // DisruptionsAllowed, CurrentHealthy, DesiredHealthy and ExpectedPods have no omitempty: Go always writes them.
    private static V1PodDisruptionBudgetStatus EmptyStatus() => WithZeros(new V1PodDisruptionBudgetStatus());

    private static V1PodDisruptionBudgetStatus WithZeros(V1PodDisruptionBudgetStatus status)
    {
        status.DisruptionsAllowed ??= 0;
        status.CurrentHealthy ??= 0;
        status.DesiredHealthy ??= 0;
        status.ExpectedPods ??= 0;
        return status;
    }
}
