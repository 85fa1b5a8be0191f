using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Http;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>
/// kube-apiserver's RBAC escalation prevention (pkg/registry/rbac escalation_check.go and the policybased storages of
/// role, clusterrole, rolebinding and clusterrolebinding): a user may write a role only with rules it already holds
/// (or with the <c>escalate</c> verb on it), and bind a role only if it holds the role's rules (or has <c>bind</c> on it).
/// Members of <c>system:masters</c> and the emulator's own writes (no user) are never checked.
/// </summary>
internal static class EscalationCheck
{
    private static readonly V1PolicyRule[] FullAuthority =
    [
        new() { Verbs = [RbacNames.All], ApiGroups = [RbacNames.All], Resources = [RbacNames.All] },
        new() { Verbs = [RbacNames.All], NonResourceURLs = [RbacNames.All] },
    ];

    /// <summary>A Role or ClusterRole write: its rules, and for a ClusterRole an aggregationRule, must not escalate.</summary>
    /// <param name="name">The name in the request URL: empty on create, as RequestInfo has none there.</param>
    public static void CheckRole(AdmissionContext context, string resource, string ns, string objectName, string name,
        IList<V1PolicyRule>? rules, bool aggregation)
    {
        if (context.User is not { } user || IsPrivileged(user))
        {
            return;
        }
        var authorizer = new RbacAuthorizer(context.Cluster);
        var escalate = new RequestAttributes(true, "escalate", "", RbacNames.GroupName, ns, resource, "", name);
        if (authorizer.Authorize(user, escalate).Decision == Decision.Allow)
        {
            return;
        }
        if (Missing(authorizer, user, ns, rules ?? []) is { } message)
        {
            throw ApiErrors.Forbidden(RbacNames.GroupName, resource, objectName, message);
        }
        if (aggregation && Missing(authorizer, user, ns, FullAuthority) is not null)
        {
            throw ApiErrors.Forbidden(RbacNames.GroupName, resource, objectName, "must have cluster-admin privileges to use the aggregationRule");
        }
    }

    /// <summary>A RoleBinding or ClusterRoleBinding write: <c>bind</c> on the role, or holding every rule of it.</summary>
    public static void CheckBinding(AdmissionContext context, string resource, string ns, string name, V1RoleRef roleRef)
    {
        if (context.User is not { } user || IsPrivileged(user))
        {
            return;
        }
        var authorizer = new RbacAuthorizer(context.Cluster);
        var roleResource = roleRef.Kind switch { "ClusterRole" => "clusterroles", "Role" => "roles", _ => null };
        if (roleResource is not null && authorizer.Authorize(user,
                new RequestAttributes(true, "bind", "", roleRef.ApiGroup ?? "", ns, roleResource, "", roleRef.Name ?? "")).Decision == Decision.Allow)
        {
            return;
        }
        var (rules, error) = authorizer.Resolver.GetRoleReferenceRules(roleRef, ns);
        if (error is not null)
        {
            throw ApiErrors.Forbidden(RbacNames.GroupName, resource, name, error);
        }
        if (Missing(authorizer, user, ns, rules) is { } message)
        {
            throw ApiErrors.Forbidden(RbacNames.GroupName, resource, name, message);
        }
    }

    /// <summary>
    /// IsOnlyMutatingGCFields: an update that changes nothing but ownerReferences, finalizers, selfLink and managedFields
    /// (what the garbage collector writes) is never checked.
    /// </summary>
    public static bool OnlyGcFieldsChange(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        JsonNode.DeepEquals(WithoutGcFields(obj), WithoutGcFields(old));

    /// <summary>ConfirmNoEscalation's message, or null when the user's rules in the namespace cover the requested ones.</summary>
    private static string? Missing(RbacAuthorizer authorizer, UserInfo user, string ns, IEnumerable<V1PolicyRule> requested)
    {
        var (owner, errors) = authorizer.Resolver.RulesFor(user, ns);
        var uncovered = RuleCoverage.Uncovered(owner, requested);
        if (uncovered.Count == 0)
        {
            return null;
        }
        var missing = RuleCoverage.Compact(uncovered).Select(RuleCoverage.CompactString).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var message = $"user {Go(user.Name)} (groups={RuleCoverage.GoQuotedList(user.Groups)}) is attempting to grant RBAC permissions not currently held:\n"
            + string.Join("\n", missing);
        return errors.Count == 0 ? message : message + "; resolution errors: [" + ErrorAggregate.Message(errors) + "]";
    }

    private static bool IsPrivileged(UserInfo user) => user.Groups.Contains(UserInfo.MastersGroup);

    private static string Go(string text) => FieldError.Quote(text);

    private static JsonNode WithoutGcFields(IKubernetesObject<V1ObjectMeta> obj)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!;
        if (node["metadata"] is JsonObject meta)
        {
            foreach (var field in (string[])["ownerReferences", "finalizers", "selfLink", "managedFields"])
            {
                meta.Remove(field);
            }
        }
        return node;
    }
}
