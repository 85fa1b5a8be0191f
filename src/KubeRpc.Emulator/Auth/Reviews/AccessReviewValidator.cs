using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Reviews;

/// <summary>pkg/apis/authorization/validation validation.go: exactly one kind of attributes, a user or group to check, empty metadata.</summary>
internal static class AccessReviewValidator
{
    private static readonly FieldPath Spec = new("spec");

    public static List<FieldError> SubjectAccessReview(V1SubjectAccessReview review)
    {
        var errs = Attributes(review.Spec?.ResourceAttributes, review.Spec?.NonResourceAttributes);
        errs.AddRange(Subject(review.Spec));
        if (!ReviewBodies.MetadataEmpty(review.Metadata, allowNamespace: false))
        {
            errs.Add(FieldError.Invalid("metadata", FieldError.OmitValue, "must be empty"));
        }
        return errs;
    }

    public static List<FieldError> SelfSubjectAccessReview(V1SelfSubjectAccessReview review)
    {
        var errs = Attributes(review.Spec?.ResourceAttributes, review.Spec?.NonResourceAttributes);
        if (!ReviewBodies.MetadataEmpty(review.Metadata, allowNamespace: false))
        {
            errs.Add(FieldError.Invalid("metadata", FieldError.OmitValue, "must be empty"));
        }
        return errs;
    }

    public static List<FieldError> LocalSubjectAccessReview(V1LocalSubjectAccessReview review)
    {
        var errs = Attributes(review.Spec?.ResourceAttributes, review.Spec?.NonResourceAttributes);
        errs.AddRange(Subject(review.Spec));
        if (!ReviewBodies.MetadataEmpty(review.Metadata, allowNamespace: true))
        {
            errs.Add(FieldError.Invalid("metadata", FieldError.OmitValue, "must be empty except for namespace"));
        }
        var ns = review.Metadata?.NamespaceProperty ?? "";
        if (review.Spec?.ResourceAttributes is { } attributes && (attributes.NamespaceProperty ?? "") != ns)
        {
            errs.Add(FieldError.Invalid("spec.resourceAttributes.namespace", attributes.NamespaceProperty ?? "", "must match metadata.namespace"));
        }
        if (review.Spec?.NonResourceAttributes is not null)
        {
            errs.Add(FieldError.Invalid("spec.nonResourceAttributes", FieldError.OmitValue, "disallowed on this kind of request"));
        }
        return errs;
    }

    private static List<FieldError> Attributes(V1ResourceAttributes? resource, V1NonResourceAttributes? nonResource)
    {
        var errs = new List<FieldError>();
        if (resource is not null && nonResource is not null)
        {
            errs.Add(FieldError.Invalid(Spec.Child("nonResourceAttributes"), FieldError.OmitValue, "cannot be specified in combination with resourceAttributes"));
        }
        if (resource is null && nonResource is null)
        {
            // Go prints the nil nonResourceAttributes pointer as null.
            errs.Add(FieldError.Invalid(Spec.Child("resourceAttributes"), null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        return errs;
    }

    private static IEnumerable<FieldError> Subject(V1SubjectAccessReviewSpec? spec)
    {
        if (string.IsNullOrEmpty(spec?.User) && spec?.Groups is not { Count: > 0 })
        {
            yield return FieldError.Invalid(Spec.Child("user"), spec?.User ?? "", "at least one of user or group must be specified");
        }
    }
}
