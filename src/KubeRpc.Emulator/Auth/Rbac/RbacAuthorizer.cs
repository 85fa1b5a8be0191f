using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>
/// kube-apiserver's RBAC authorizer (plugin/pkg/auth/authorizer/rbac rbac.go): Allow as soon as one rule of one binding
/// that applies to the user allows the request, with the reason naming that binding; otherwise no opinion, with the
/// errors met (a binding to a missing role) as the reason. The stored objects are read on every call, so a change to
/// RBAC takes effect on the next request. Nobody is special: <c>system:masters</c> is allowed everything by the seeded
/// cluster-admin ClusterRoleBinding.
/// </summary>
/// <remarks>
/// Deviation: kube-apiserver 1.32 puts a privileged-group authorizer for <c>system:masters</c> in front of RBAC
/// (pkg/kubeapiserver/authorizer reload.go), so there a master's access review has an empty reason and deleting the
/// cluster-admin binding locks no master out; here the reason names the binding, and the binding is what grants.
/// </remarks>
internal sealed class RbacAuthorizer(IClusterReader cluster) : IAuthorizer
{
    public RbacRuleResolver Resolver { get; } = new(cluster);

    public (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes)
    {
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
