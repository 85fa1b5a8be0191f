using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>
/// Finds the PolicyRules that apply to a user in a namespace from the stored roles and bindings at the moment of the
/// call, as pkg/registry/rbac/validation rule.go's DefaultRuleResolver does: every ClusterRoleBinding whose subjects
/// include the user, then (in a namespace) every RoleBinding there, a RoleBinding's ClusterRole counting only in its
/// namespace. Bindings are visited in name order; a binding whose role is missing yields an error, not a rule.
/// </summary>
internal sealed class RbacRuleResolver(IClusterReader cluster)
{
    /// <summary>
    /// Calls <paramref name="visit"/> with each rule (and the binding it came from) or each error, until it returns false.
    /// </summary>
    public void VisitRulesFor(UserInfo user, string ns, Func<string?, V1PolicyRule?, string?, bool> visit)
    {
        foreach (var binding in cluster.List("clusterrolebindings").Cast<V1ClusterRoleBinding>())
        {
            if (!Visit(user, "", binding.RoleRef, binding.Subjects, "ClusterRoleBinding " + Quote(binding.Metadata.Name), visit))
            {
                return;
            }
        }
        if (ns.Length == 0)
        {
            return;
        }
        foreach (var binding in cluster.List("rolebindings").Cast<V1RoleBinding>().Where(b => b.Metadata.NamespaceProperty == ns))
        {
            if (!Visit(user, ns, binding.RoleRef, binding.Subjects,
                    "RoleBinding " + Quote(binding.Metadata.Name + "/" + ns), visit))
            {
                return;
            }
        }
    }

    /// <summary>All rules that apply, and the errors met finding them (rules are additive, so the list is still usable).</summary>
    public (List<V1PolicyRule> Rules, List<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var rules = new List<V1PolicyRule>();
        var errors = new List<string>();
        VisitRulesFor(user, ns, (_, rule, error) =>
        {
            if (rule is not null)
            {
                rules.Add(rule);
            }
            if (error is not null)
            {
                errors.Add(error);
            }
            return true;
        });
        return (rules, errors);
    }

    /// <summary>The rules a roleRef points at, or the lister's NotFound message when the role does not exist.</summary>
    public (IList<V1PolicyRule> Rules, string? Error) GetRoleReferenceRules(V1RoleRef roleRef, string bindingNamespace)
    {
        var name = roleRef.Name ?? "";
        switch (roleRef.Kind)
        {
            case "Role":
                var role = cluster.List("roles").Cast<V1Role>()
                    .FirstOrDefault(r => r.Metadata.Name == name && r.Metadata.NamespaceProperty == bindingNamespace);
                return role is null ? ([], $"role.{RbacNames.GroupName} {Quote(name)} not found") : (role.Rules ?? [], null);
            case "ClusterRole":
                var clusterRole = cluster.List("clusterroles").Cast<V1ClusterRole>().FirstOrDefault(r => r.Metadata.Name == name);
                return clusterRole is null ? ([], $"clusterrole.{RbacNames.GroupName} {Quote(name)} not found") : (clusterRole.Rules ?? [], null);
            default:
                return ([], $"unsupported role reference kind: {Quote(roleRef.Kind ?? "")}");
        }
    }

    private bool Visit(UserInfo user, string ns, V1RoleRef? roleRef, IList<Rbacv1Subject>? subjects, string describedBinding,
        Func<string?, V1PolicyRule?, string?, bool> visit)
    {
        var subject = subjects?.FirstOrDefault(s => AppliesTo(user, s, ns));
        if (subject is null || roleRef is null)
        {
            return true;
        }
        var (rules, error) = GetRoleReferenceRules(roleRef, ns);
        if (error is not null)
        {
            return visit(null, null, error);
        }
        // "RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"" (rule.go's describers).
        var source = $"{describedBinding} of {roleRef.Kind} {Quote(roleRef.Name ?? "")} to {DescribeSubject(subject, ns)}";
        foreach (var rule in rules)
        {
            if (!visit(source, rule, null))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// appliesToUser: a User by name, a Group by membership, a ServiceAccount by its user name, its namespace defaulting to
    /// the binding's (so a ClusterRoleBinding's namespace-less ServiceAccount subject matches nobody).
    /// </summary>
    public static bool AppliesTo(UserInfo user, Rbacv1Subject subject, string ns)
    {
        switch (subject.Kind)
        {
            case RbacNames.UserKind:
                return user.Name == subject.Name;
            case RbacNames.GroupKind:
                return user.Groups.Contains(subject.Name);
            case RbacNames.ServiceAccountKind:
                var saNamespace = string.IsNullOrEmpty(subject.NamespaceProperty) ? ns : subject.NamespaceProperty;
                return saNamespace.Length > 0 && ServiceAccountUsername.Matches(saNamespace, subject.Name ?? "", user.Name);
            default:
                return false;
        }
    }

    private static string DescribeSubject(Rbacv1Subject subject, string bindingNamespace) => subject.Kind == RbacNames.ServiceAccountKind
        ? $"{subject.Kind} {Quote(subject.Name + "/" + (string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty))}"
        : $"{subject.Kind} {Quote(subject.Name ?? "")}";

    private static string Quote(string text) => FieldError.Quote(text);
}
