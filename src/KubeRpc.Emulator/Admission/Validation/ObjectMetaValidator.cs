using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// A port of apimachinery's <c>api/validation/objectmeta.go</c> (release-1.32): metadata rules every kind shares.
/// The core group (Service, Secret, Namespace, Endpoints) also checks finalizer names against the standard ones;
/// pass <c>coreFinalizerNames: true</c> for those kinds, as <c>pkg/apis/core/validation.ValidateObjectMeta</c> does.
/// </summary>
public static class ObjectMetaValidator
{
    /// <summary>apimachinery's <c>TotalAnnotationSizeLimitB</c>: 256 KiB of keys plus values.</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    private static readonly HashSet<string> StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    /// <summary>Validates metadata on create; expects name generation to have run already.</summary>
    /// <param name="nameFn">A <c>ValidateNameFunc</c> such as <see cref="NameValidation.NameIsDns1035Label"/>.</param>
    public static List<FieldError> ValidateObjectMeta(V1ObjectMeta meta, bool namespaced,
        Func<string, bool, IReadOnlyList<string>> nameFn, FieldPath path, bool coreFinalizerNames = false)
    {
        var errs = new List<FieldError>();
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            errs.AddRange(nameFn(meta.GenerateName, true).Select(m => FieldError.Invalid(path.Child("generateName"), meta.GenerateName, m)));
        }
        if (string.IsNullOrEmpty(meta.Name))
        {
            errs.Add(FieldError.Required(path.Child("name"), "name or generateName is required"));
        }
        else
        {
            errs.AddRange(nameFn(meta.Name, false).Select(m => FieldError.Invalid(path.Child("name"), meta.Name, m)));
        }
        var ns = meta.NamespaceProperty ?? "";
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errs.Add(FieldError.Required(path.Child("namespace")));
            }
            else
            {
                errs.AddRange(NameValidation.NameIsDnsLabel(ns, false).Select(m => FieldError.Invalid(path.Child("namespace"), ns, m)));
            }
        }
        else if (ns.Length != 0)
        {
            errs.Add(FieldError.Forbidden(path.Child("namespace"), "not allowed on this type"));
        }
        if (meta.Generation is < 0)
        {
            errs.Add(FieldError.Invalid(path.Child("generation"), meta.Generation.Value, ValidationMessages.IsNegative));
        }
        errs.AddRange(ValidateLabels(meta.Labels, path.Child("labels")));
        errs.AddRange(ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        errs.AddRange(OwnerReferenceValidator.Validate(meta.OwnerReferences, path.Child("ownerReferences")));
        errs.AddRange(ValidateFinalizers(meta.Finalizers, path.Child("finalizers")));
        if (coreFinalizerNames)
        {
            errs.AddRange(ValidateKubeFinalizerNames(meta.Finalizers, path.Child("finalizers")));
        }
        return errs;
    }

    /// <summary>
    /// Validates metadata on update: the immutables of §3, no new finalizers while deleting, no generation decrease,
    /// and labels/annotations/ownerReferences. The resourceVersion-required rule is left to the store, which
    /// allows unconditional updates (it fills in the current version before validation, as kube-apiserver does).
    /// </summary>
    public static List<FieldError> ValidateObjectMetaUpdate(V1ObjectMeta meta, V1ObjectMeta old, FieldPath path,
        bool coreFinalizerNames = false)
    {
        var errs = new List<FieldError>();
        if (old.DeletionTimestamp is not null)
        {
            var extra = (meta.Finalizers ?? []).Except(old.Finalizers ?? [], StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList();
            if (extra.Count != 0)
            {
                errs.Add(FieldError.Forbidden(path.Child("finalizers"),
                    "no new finalizers can be added if the object is being deleted, found new finalizers " + GoValue.StringSlice(extra)));
            }
        }
        if ((meta.Generation ?? 0) < (old.Generation ?? 0))
        {
            errs.Add(FieldError.Invalid(path.Child("generation"), meta.Generation ?? 0, "must not be decremented"));
        }
        Immutable(errs, path.Child("name"), meta.Name ?? "", old.Name ?? "");
        Immutable(errs, path.Child("namespace"), meta.NamespaceProperty ?? "", old.NamespaceProperty ?? "");
        Immutable(errs, path.Child("uid"), meta.Uid ?? "", old.Uid ?? "");
        if (meta.CreationTimestamp != old.CreationTimestamp)
        {
            // metav1.Time is a fmt.Stringer; a zero time prints as Go's zero time.
            object value = GoValue.Time(meta.CreationTimestamp) ?? GoValue.Raw("0001-01-01 00:00:00 +0000 UTC");
            errs.Add(FieldError.Invalid(path.Child("creationTimestamp"), value, ValidationMessages.FieldImmutable));
        }
        if (meta.DeletionTimestamp != old.DeletionTimestamp)
        {
            errs.Add(FieldError.Invalid(path.Child("deletionTimestamp"), GoValue.Time(meta.DeletionTimestamp), ValidationMessages.FieldImmutable));
        }
        if (meta.DeletionGracePeriodSeconds != old.DeletionGracePeriodSeconds)
        {
            errs.Add(FieldError.Invalid(path.Child("deletionGracePeriodSeconds"), meta.DeletionGracePeriodSeconds, ValidationMessages.FieldImmutable));
        }
        errs.AddRange(ValidateLabels(meta.Labels, path.Child("labels")));
        errs.AddRange(ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        errs.AddRange(OwnerReferenceValidator.Validate(meta.OwnerReferences, path.Child("ownerReferences")));
        if (coreFinalizerNames)
        {
            errs.AddRange(ValidateKubeFinalizerNames(meta.Finalizers, path.Child("finalizers")));
        }
        return errs;
    }

    /// <summary>Label keys are qualified names, values label values; errors are at the map's path (no key).</summary>
    public static List<FieldError> ValidateLabels(IDictionary<string, string>? labels, FieldPath path)
    {
        var errs = new List<FieldError>();
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            errs.AddRange(NameValidation.IsQualifiedName(key).Select(m => FieldError.Invalid(path, key, m)));
            errs.AddRange(NameValidation.IsValidLabelValue(value ?? "").Select(m => FieldError.Invalid(path, value ?? "", m)));
        }
        return errs;
    }

    /// <summary>Annotation keys are qualified names in any case; keys plus values at most 256 KiB.</summary>
    public static List<FieldError> ValidateAnnotations(IDictionary<string, string>? annotations, FieldPath path)
    {
        var errs = new List<FieldError>();
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            errs.AddRange(NameValidation.IsQualifiedName(key.ToLowerInvariant()).Select(m => FieldError.Invalid(path, key, m)));
            total += NameValidation.GoLen(key) + NameValidation.GoLen(value ?? "");
        }
        if (total > TotalAnnotationSizeLimitBytes)
        {
            errs.Add(FieldError.TooLong(path, TotalAnnotationSizeLimitBytes));
        }
        return errs;
    }

    /// <summary>Finalizers are qualified names; <c>orphan</c> and <c>foregroundDeletion</c> exclude each other.</summary>
    public static List<FieldError> ValidateFinalizers(IList<string>? finalizers, FieldPath path)
    {
        var errs = new List<FieldError>();
        foreach (var finalizer in finalizers ?? [])
        {
            errs.AddRange(NameValidation.IsQualifiedName(finalizer).Select(m => FieldError.Invalid(path, finalizer, m)));
        }
        if (finalizers is not null && finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
        {
            errs.Add(FieldError.Invalid(path, GoValue.StringSlice(finalizers), "finalizer orphan and foregroundDeletion cannot be both set"));
        }
        return errs;
    }

    private static IEnumerable<FieldError> ValidateKubeFinalizerNames(IList<string>? finalizers, FieldPath path)
    {
        var list = finalizers ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(list[i]))
            {
                yield return FieldError.Invalid(path.Index(i), list[i], "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }

    private static void Immutable(List<FieldError> errs, FieldPath path, string value, string old)
    {
        if (!string.Equals(value, old, StringComparison.Ordinal))
        {
            errs.Add(FieldError.Invalid(path, value, ValidationMessages.FieldImmutable));
        }
    }
}
