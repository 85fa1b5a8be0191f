using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Namespaces;

/// <summary>
/// <c>ValidateNamespace</c>, <c>ValidateNamespaceUpdate</c>, <c>ValidateNamespaceStatusUpdate</c> and
/// <c>ValidateNamespaceFinalizeUpdate</c> of k/k <c>pkg/apis/core/validation/validation.go</c> (release-1.32).
/// </summary>
internal static class NamespaceValidator
{
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath Finalizers = new FieldPath("spec").Child("finalizers");
    private static readonly HashSet<string> StandardFinalizers = new(StringComparer.Ordinal) { "kubernetes", "orphan", "foregroundDeletion" };

    public static List<FieldError> Validate(V1Namespace ns, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMeta(ns.Metadata ?? new V1ObjectMeta(), false, nameFn, Metadata, coreFinalizerNames: true);
        // Go reports these at spec.finalizers without an index; only /finalize adds one.
        foreach (var finalizer in ns.Spec?.Finalizers ?? [])
        {
            errors.AddRange(FinalizerNameErrors(finalizer ?? "", Finalizers));
        }
        return errors;
    }

    public static List<FieldError> ValidateUpdate(V1Namespace ns, V1Namespace old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = Validate(ns, nameFn);
        errors.AddRange(ObjectMetaValidator.ValidateObjectMetaUpdate(ns.Metadata, old.Metadata, Metadata, coreFinalizerNames: true));
        return errors;
    }

    public static List<FieldError> ValidateStatusUpdate(V1Namespace ns, V1Namespace old)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(ns.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var phase = ns.Status?.Phase ?? "";
        // The path really is status.Phase, capitalised, in kube-apiserver.
        if (ns.Metadata?.DeletionTimestamp is null)
        {
            if (phase != "Active")
            {
                errors.Add(FieldError.Invalid("status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
            }
        }
        else if (phase != "Terminating")
        {
            errors.Add(FieldError.Invalid("status.Phase", phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
        }
        return errors;
    }

    public static List<FieldError> ValidateFinalizeUpdate(V1Namespace ns, V1Namespace old)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(ns.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var finalizers = ns.Spec?.Finalizers ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            errors.AddRange(FinalizerNameErrors(finalizers[i] ?? "", Finalizers.Index(i)));
        }
        return errors;
    }

    /// <summary>core's <c>validateFinalizerName</c>: a qualified name, and unprefixed only when standard.</summary>
    private static IEnumerable<FieldError> FinalizerNameErrors(string name, FieldPath path)
    {
        foreach (var msg in NameValidation.IsQualifiedName(name))
        {
            yield return FieldError.Invalid(path, name, msg);
        }
        if (!name.Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(name))
        {
            yield return FieldError.Invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
        }
    }
}
