using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// apimachinery's <c>ValidateLabelSelector</c> (pkg/apis/meta/v1/validation, release-1.32) for a metav1.LabelSelector:
/// matchLabels as labels, each matchExpression's operator, values and key.
/// </summary>
internal static class LabelSelectorValidator
{
    public static List<FieldError> Validate(V1LabelSelector? selector, bool allowInvalidLabelValue, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (selector is null)
        {
            return errs;
        }
        errs.AddRange(ObjectMetaValidator.ValidateLabels(selector.MatchLabels, path.Child("matchLabels")));
        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            errs.AddRange(ValidateRequirement(expressions[i], allowInvalidLabelValue, path.Child("matchExpressions").Index(i)));
        }
        return errs;
    }

    /// <summary>True when some value of a matchExpression is not a valid label value (updates keep tolerating those).</summary>
    public static bool HasInvalidLabelValue(V1LabelSelector? selector) =>
        selector?.MatchExpressions?.Any(e => e.Values?.Any(v => NameValidation.IsValidLabelValue(v).Count > 0) == true) == true;

    private static IEnumerable<FieldError> ValidateRequirement(V1LabelSelectorRequirement requirement, bool allowInvalidLabelValue, FieldPath path)
    {
        var values = requirement.Values ?? [];
        switch (requirement.OperatorProperty)
        {
            case "In" or "NotIn":
                if (values.Count == 0)
                {
                    yield return FieldError.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0)
                {
                    yield return FieldError.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
                break;
            default:
                yield return FieldError.Invalid(path.Child("operator"), requirement.OperatorProperty ?? "", "not a valid selector operator");
                break;
        }
        foreach (var msg in NameValidation.IsQualifiedName(requirement.Key ?? ""))
        {
            yield return FieldError.Invalid(path.Child("key"), requirement.Key ?? "", msg);
        }
        if (allowInvalidLabelValue)
        {
            yield break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var msg in NameValidation.IsValidLabelValue(values[i]))
            {
                yield return FieldError.Invalid(path.Child("values").Index(i), values[i], msg);
            }
        }
    }
}
