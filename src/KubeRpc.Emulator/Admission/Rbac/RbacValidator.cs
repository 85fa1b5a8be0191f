using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// pkg/apis/rbac/validation validation.go (release-1.32): names are path segments, rules need verbs and either resources
/// with API groups or (in ClusterRoles only) non-resource URLs, aggregation rules need valid selectors, a binding's roleRef
/// must name a Role or ClusterRole of rbac.authorization.k8s.io and never changes, subjects are Users, Groups or
/// ServiceAccounts with their API groups, a ClusterRoleBinding's ServiceAccount naming its namespace.
/// </summary>
internal static class RbacValidator
{
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly string[] SubjectKinds = [RbacNames.ServiceAccountKind, RbacNames.UserKind, RbacNames.GroupKind];

    /// <summary><c>ValidateRBACName</c>: <c>path.IsValidPathSegmentName</c>.</summary>
    public static IReadOnlyList<string> ValidateName(string name, bool prefix) => IngressBackendValidator.PathSegmentNameErrors(name);

    public static List<FieldError> ValidateRole(V1Role role)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(role.Metadata, true, ValidateName, Metadata, coreFinalizerNames: true);
        errs.AddRange(ValidateRules(role.Rules, namespaced: true));
        return errs;
    }

    public static List<FieldError> ValidateRoleUpdate(V1Role role, V1Role old)
    {
        var errs = ValidateRole(role);
        errs.AddRange(ObjectMetaValidator.ValidateObjectMetaUpdate(role.Metadata, old.Metadata, Metadata, coreFinalizerNames: true));
        return errs;
    }

    /// <param name="allowInvalidLabelValue">On update, true when the old role already had an invalid value in a selector.</param>
    public static List<FieldError> ValidateClusterRole(V1ClusterRole role, bool allowInvalidLabelValue = false)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(role.Metadata, false, ValidateName, Metadata, coreFinalizerNames: true);
        errs.AddRange(ValidateRules(role.Rules, namespaced: false));
        if (role.AggregationRule is { } aggregation)
        {
            var path = new FieldPath("aggregationRule").Child("clusterRoleSelectors");
            var selectors = aggregation.ClusterRoleSelectors ?? [];
            if (selectors.Count == 0)
            {
                errs.Add(FieldError.Required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
            }
            for (var i = 0; i < selectors.Count; i++)
            {
                errs.AddRange(LabelSelectorValidator.Validate(selectors[i], path.Index(i), allowInvalidLabelValue));
                // LabelSelectorAsSelector fails exactly where the strict validation does; Go then reports the nil selector.
                if (LabelSelectorValidator.Validate(selectors[i], path.Index(i)).Count > 0)
                {
                    errs.Add(FieldError.Invalid(path.Index(i), null, "invalid label selector."));
                }
            }
        }
        return errs;
    }

    public static List<FieldError> ValidateClusterRoleUpdate(V1ClusterRole role, V1ClusterRole old)
    {
        var allowInvalid = old.AggregationRule?.ClusterRoleSelectors?.Any(LabelSelectorValidator.HasInvalidLabelValue) == true;
        var errs = ValidateClusterRole(role, allowInvalid);
        errs.AddRange(ObjectMetaValidator.ValidateObjectMetaUpdate(role.Metadata, old.Metadata, Metadata, coreFinalizerNames: true));
        return errs;
    }

    public static List<FieldError> ValidateRoleBinding(V1RoleBinding binding) =>
        ValidateBinding(binding.Metadata, binding.RoleRef, binding.Subjects, namespaced: true);

    public static List<FieldError> ValidateRoleBindingUpdate(V1RoleBinding binding, V1RoleBinding old)
    {
        var errs = ValidateRoleBinding(binding);
        errs.AddRange(ValidateBindingUpdate(binding.Metadata, old.Metadata, binding.RoleRef, old.RoleRef));
        return errs;
    }

    public static List<FieldError> ValidateClusterRoleBinding(V1ClusterRoleBinding binding) =>
        ValidateBinding(binding.Metadata, binding.RoleRef, binding.Subjects, namespaced: false);

    public static List<FieldError> ValidateClusterRoleBindingUpdate(V1ClusterRoleBinding binding, V1ClusterRoleBinding old)
    {
        var errs = ValidateClusterRoleBinding(binding);
        errs.AddRange(ValidateBindingUpdate(binding.Metadata, old.Metadata, binding.RoleRef, old.RoleRef));
        return errs;
    }

    /// <summary>Go's <c>%#v</c> of the internal <c>rbac.RoleRef</c>, the value of "cannot change roleRef".</summary>
    public static GoValue RoleRefValue(V1RoleRef? roleRef) => GoValue.Raw(
        $"rbac.RoleRef{{APIGroup:{FieldError.Quote(roleRef?.ApiGroup ?? "")}, Kind:{FieldError.Quote(roleRef?.Kind ?? "")}, Name:{FieldError.Quote(roleRef?.Name ?? "")}}}");

    private static IEnumerable<FieldError> ValidateRules(IList<V1PolicyRule>? rules, bool namespaced)
    {
        var list = rules ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var error in ValidatePolicyRule(list[i], namespaced, new FieldPath("rules").Index(i)))
            {
                yield return error;
            }
        }
    }

    public static List<FieldError> ValidatePolicyRule(V1PolicyRule rule, bool namespaced, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (rule.Verbs is not { Count: > 0 })
        {
            errs.Add(FieldError.Required(path.Child("verbs"), "verbs must contain at least one value"));
        }
        if (rule.NonResourceURLs is { Count: > 0 } urls)
        {
            if (namespaced)
            {
                errs.Add(FieldError.Invalid(path.Child("nonResourceURLs"), GoValue.StringSlice(urls), "namespaced rules cannot apply to non-resource URLs"));
            }
            if (rule.ApiGroups is { Count: > 0 } || rule.Resources is { Count: > 0 } || rule.ResourceNames is { Count: > 0 })
            {
                errs.Add(FieldError.Invalid(path.Child("nonResourceURLs"), GoValue.StringSlice(urls),
                    "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (rule.ApiGroups is not { Count: > 0 })
        {
            errs.Add(FieldError.Required(path.Child("apiGroups"), "resource rules must supply at least one api group"));
        }
        if (rule.Resources is not { Count: > 0 })
        {
            errs.Add(FieldError.Required(path.Child("resources"), "resource rules must supply at least one resource"));
        }
        return errs;
    }

    private static List<FieldError> ValidateBinding(V1ObjectMeta meta, V1RoleRef? roleRef, IList<Rbacv1Subject>? subjects, bool namespaced)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(meta, namespaced, ValidateName, Metadata, coreFinalizerNames: true);
        var refPath = new FieldPath("roleRef");
        var apiGroup = roleRef?.ApiGroup ?? "";
        if (apiGroup != RbacNames.GroupName)
        {
            errs.Add(FieldError.NotSupported(refPath.Child("apiGroup"), apiGroup, [RbacNames.GroupName]));
        }
        var kind = roleRef?.Kind ?? "";
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            errs.Add(FieldError.NotSupported(refPath.Child("kind"), kind, kinds));
        }
        var name = roleRef?.Name ?? "";
        if (name.Length == 0)
        {
            errs.Add(FieldError.Required(refPath.Child("name")));
        }
        else
        {
            errs.AddRange(ValidateName(name, false).Select(m => FieldError.Invalid(refPath.Child("name"), name, m)));
        }
        var list = subjects ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            errs.AddRange(ValidateSubject(list[i], namespaced, new FieldPath("subjects").Index(i)));
        }
        return errs;
    }

    private static List<FieldError> ValidateBindingUpdate(V1ObjectMeta meta, V1ObjectMeta oldMeta, V1RoleRef? roleRef, V1RoleRef? old)
    {
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(meta, oldMeta, Metadata, coreFinalizerNames: true);
        if ((roleRef?.ApiGroup ?? "") != (old?.ApiGroup ?? "") || (roleRef?.Kind ?? "") != (old?.Kind ?? "") || (roleRef?.Name ?? "") != (old?.Name ?? ""))
        {
            errs.Add(FieldError.Invalid("roleRef", RoleRefValue(roleRef), "cannot change roleRef"));
        }
        return errs;
    }

    /// <summary><c>ValidateRoleBindingSubject</c>.</summary>
    public static List<FieldError> ValidateSubject(Rbacv1Subject subject, bool namespaced, FieldPath path)
    {
        var errs = new List<FieldError>();
        var name = subject.Name ?? "";
        var apiGroup = subject.ApiGroup ?? "";
        if (name.Length == 0)
        {
            errs.Add(FieldError.Required(path.Child("name")));
        }
        switch (subject.Kind)
        {
            case RbacNames.ServiceAccountKind:
                if (name.Length > 0)
                {
                    errs.AddRange(NameValidation.NameIsDnsSubdomain(name, false).Select(m => FieldError.Invalid(path.Child("name"), name, m)));
                }
                if (apiGroup.Length > 0)
                {
                    errs.Add(FieldError.NotSupported(path.Child("apiGroup"), apiGroup, [""]));
                }
                if (!namespaced && string.IsNullOrEmpty(subject.NamespaceProperty))
                {
                    errs.Add(FieldError.Required(path.Child("namespace")));
                }
                break;
            case RbacNames.UserKind or RbacNames.GroupKind:
                if (apiGroup != RbacNames.GroupName)
                {
                    errs.Add(FieldError.NotSupported(path.Child("apiGroup"), apiGroup, [RbacNames.GroupName]));
                }
                break;
            default:
                errs.Add(FieldError.NotSupported(path.Child("kind"), subject.Kind ?? "", SubjectKinds));
                break;
        }
        return errs;
    }
}
