using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.PodDisruptionBudgets;

/// <summary>
/// <c>ValidatePodDisruptionBudgetSpec</c> and <c>ValidatePodDisruptionBudgetStatusUpdate</c> of k/k
/// <c>pkg/apis/policy/validation/validation.go</c> (release-1.32): at most one of minAvailable and maxUnavailable,
/// each a non-negative int or a percent of at most 100%, a valid selector, a known unhealthy-pod eviction policy.
/// </summary>
internal static class PodDisruptionBudgetValidator
{
    private static readonly FieldPath Spec = new("spec");
    private static readonly FieldPath Status = new("status");
    private static readonly string[] EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    public static List<FieldError> ValidateSpec(V1PodDisruptionBudgetSpec spec, bool allowInvalidLabelValue)
    {
        var errs = new List<FieldError>();
        if (spec.MinAvailable is not null && spec.MaxUnavailable is not null)
        {
            errs.Add(FieldError.Invalid(Spec, GoStructs.PointerStruct("policy.PodDisruptionBudgetSpec",
                ("MinAvailable", "intstr.IntOrString", true),
                ("Selector", "v1.LabelSelector", spec.Selector is not null),
                ("MaxUnavailable", "intstr.IntOrString", true),
                ("UnhealthyPodEvictionPolicy", "policy.UnhealthyPodEvictionPolicyType", spec.UnhealthyPodEvictionPolicy is not null)),
                "minAvailable and maxUnavailable cannot be both set"));
        }
        if (spec.MinAvailable is { } minAvailable)
        {
            errs.AddRange(IntOrStrings.ValidatePositiveIntOrPercent(minAvailable, Spec.Child("minAvailable")));
            errs.AddRange(IntOrStrings.IsNotMoreThan100Percent(minAvailable, Spec.Child("minAvailable")));
        }
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            errs.AddRange(IntOrStrings.ValidatePositiveIntOrPercent(maxUnavailable, Spec.Child("maxUnavailable")));
            errs.AddRange(IntOrStrings.IsNotMoreThan100Percent(maxUnavailable, Spec.Child("maxUnavailable")));
        }
        errs.AddRange(LabelSelectorValidator.Validate(spec.Selector, Spec.Child("selector"), allowInvalidLabelValue));
        if (spec.UnhealthyPodEvictionPolicy is { } policy && !EvictionPolicies.Contains(policy))
        {
            errs.Add(FieldError.NotSupported(Spec.Child("unhealthyPodEvictionPolicy"), policy, EvictionPolicies));
        }
        return errs;
    }

    /// <summary>The v1 rules: valid conditions are not checked here; the counts may not be negative.</summary>
    public static IEnumerable<FieldError> ValidateStatus(V1PodDisruptionBudgetStatus status)
    {
        foreach (var (value, name) in new[]
        {
            (status.DisruptionsAllowed, "disruptionsAllowed"), (status.CurrentHealthy, "currentHealthy"),
            (status.DesiredHealthy, "desiredHealthy"), (status.ExpectedPods, "expectedPods"),
        })
        {
            if (value is < 0)
            {
                yield return FieldError.Invalid(Status.Child(name), (long)value.Value, ValidationMessages.IsNegative);
            }
        }
    }
}
