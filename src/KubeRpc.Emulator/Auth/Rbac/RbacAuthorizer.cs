using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>
/// kube-apiserver's RBAC authorizer (plugin/pkg/auth/authorizer/rbac rbac.go): Allow as soon as one rule of one binding
/// that applies to the user allows the request, with the reason naming that binding; otherwise no opinion, with the
/// errors met (a binding to a missing role) as the reason. The stored objects are read on every call, so a change to
/// RBAC takes effect on the next request.
/// </summary>
/// <remarks>
/// In front of RBAC, as kube-apiserver 1.32's authorizer chain has it (its privileged-group authorizer), members of
/// <c>system:masters</c> are allowed everything with an empty reason: deleting the cluster-admin binding locks no master out.
/// </remarks>
internal sealed class RbacAuthorizer(IClusterReader cluster) : IAuthorizer
{
    public RbacRuleResolver Resolver { get; } = new(cluster);

    public (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes)
    {
        if (user.Groups.Contains(UserInfo.MastersGroup))
        {
            return (Decision.Allow, "");
        }
        string? allowedBy = null;
        var errors = new List<string>();
        Resolver.VisitRulesFor(user, attributes.Namespace, (source, rule, error) =>
        {
            if (rule is not null && PolicyRuleMatch.Allows(attributes, rule))
            {
                allowedBy = source;
                return false;
            }
            if (error is not null)
            {
                errors.Add(error);
            }
            return true;
        });
        if (allowedBy is not null)
        {
            return (Decision.Allow, "RBAC: allowed by " + allowedBy);
        }
        return (Decision.NoOpinion, errors.Count == 0 ? "" : "RBAC: " + ErrorAggregate.Message(errors));
    }

    /// <summary>
    /// The rules a SelfSubjectRulesReview reports (rbac.go RulesFor): resource rules and non-resource rules of every
    /// applicable rule, in visiting order, and the resolution errors.
    /// </summary>
    public (List<V1ResourceRule> Resources, List<V1NonResourceRule> NonResources, List<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var (rules, errors) = Resolver.RulesFor(user, ns);
        var resources = rules.Where(r => r.Resources is { Count: > 0 })
            .Select(r => new V1ResourceRule { Verbs = r.Verbs, ApiGroups = r.ApiGroups, Resources = r.Resources, ResourceNames = r.ResourceNames })
            .ToList();
        var nonResources = rules.Where(r => r.NonResourceURLs is { Count: > 0 })
            .Select(r => new V1NonResourceRule { Verbs = r.Verbs, NonResourceURLs = r.NonResourceURLs })
            .ToList();
        return (resources, nonResources, errors);
    }
}
