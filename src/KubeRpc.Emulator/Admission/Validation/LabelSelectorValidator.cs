using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// apimachinery's <c>ValidateLabelSelector</c> (<c>pkg/apis/meta/v1/validation</c>, release-1.32): label syntax of
/// <c>matchLabels</c>, and per <c>matchExpressions</c> entry the operator, its values and the key.
/// </summary>
internal static class LabelSelectorValidator
{
    /// <summary>The errors of a selector; none for a null one.</summary>
    /// <param name="allowInvalidLabelValue">Skips the label-value syntax of expression values (kept for old objects on update).</param>
    public static List<FieldError> Validate(V1LabelSelector? selector, FieldPath path, bool allowInvalidLabelValue = false)
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
            errs.AddRange(ValidateRequirement(expressions[i], path.Child("matchExpressions").Index(i), allowInvalidLabelValue));
        }
        return errs;
    }

    /// <summary>True when some value of a matchExpression is not a valid label value (updates keep tolerating those).</summary>
    public static bool HasInvalidLabelValue(V1LabelSelector? selector) =>
        selector?.MatchExpressions?.Any(e => e.Values?.Any(v => NameValidation.IsValidLabelValue(v ?? "").Count > 0) == true) == true;

    private static IEnumerable<FieldError> ValidateRequirement(V1LabelSelectorRequirement requirement, FieldPath path, bool allowInvalidLabelValue)
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
            foreach (var msg in NameValidation.IsValidLabelValue(values[i] ?? ""))
            {
                yield return FieldError.Invalid(path.Child("values").Index(i), values[i] ?? "", msg);
            }
        }
    }
}
