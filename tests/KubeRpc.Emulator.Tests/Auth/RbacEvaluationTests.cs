using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>
/// The RBAC authorizer's decisions, one group of rows per rule shape of <see cref="RbacFixture"/>: verbs, API groups,
/// resources and subresources, <c>*</c> and <c>*/subresource</c>, resourceNames, nonResourceURLs, User, Group and
/// ServiceAccount subjects, a RoleBinding to a ClusterRole, a missing role and an aggregated ClusterRole.
/// </summary>
public sealed class RbacEvaluationTests
{
    private const string RbacAllowedBy = "RBAC: allowed by ";

    /// <summary>user, groups, verb, api group, namespace, resource, subresource, name (or a path), expected reason ("" = no opinion).</summary>
    public static TheoryData<string, string, string, string, string, string, string, string, string> Decisions => new()
    {
        // verbs
        { "verbs", "", "get", "", "team-a", "services", "", "web", "RoleBinding \"verbs/team-a\" of Role \"verbs\" to User \"verbs\"" },
        { "verbs", "", "list", "", "team-a", "services", "", "", "RoleBinding \"verbs/team-a\" of Role \"verbs\" to User \"verbs\"" },
        { "verbs", "", "delete", "", "team-a", "services", "", "web", "" },
        // resources and API groups
        { "verbs", "", "get", "", "team-a", "secrets", "", "s", "" },
        { "groups", "", "get", "apps", "team-a", "deployments", "", "d", "RoleBinding \"groups/team-a\" of Role \"groups\" to User \"groups\"" },
        { "groups", "", "get", "", "team-a", "deployments", "", "d", "" },
        { "groups", "", "get", "extensions", "team-a", "deployments", "", "d", "" },
        // subresources: services/status is not services, nor services services/status
        { "status", "", "update", "", "team-a", "services", "status", "web", "RoleBinding \"status/team-a\" of Role \"status\" to User \"status\"" },
        { "status", "", "update", "", "team-a", "services", "", "web", "" },
        { "verbs", "", "get", "", "team-a", "services", "status", "web", "" },
        // */status matches the status of anything, and only status
        { "anystatus", "", "get", "", "team-a", "ingresses", "status", "i", "RoleBinding \"anystatus/team-a\" of Role \"anystatus\" to User \"anystatus\"" },
        { "anystatus", "", "get", "", "team-a", "ingresses", "", "i", "" },
        { "anystatus", "", "get", "", "team-a", "services", "proxy", "web", "" },
        // * verbs, groups and resources, within the binding's namespace only
        { "wild", "", "deletecollection", "networking.k8s.io", "team-a", "ingresses", "", "", "RoleBinding \"wild/team-a\" of Role \"wild\" to User \"wild\"" },
        { "wild", "", "update", "", "team-a", "services", "status", "web", "RoleBinding \"wild/team-a\" of Role \"wild\" to User \"wild\"" },
        { "wild", "", "get", "", "team-b", "services", "", "web", "" },
        { "wild", "", "list", "", "", "namespaces", "", "", "" },
        // resourceNames: only requests that name a listed object
        { "named", "", "get", "", "team-a", "services", "", "web", "RoleBinding \"named/team-a\" of Role \"named\" to User \"named\"" },
        { "named", "", "get", "", "team-a", "services", "", "api", "" },
        { "named", "", "list", "", "team-a", "services", "", "", "" },
        { "named", "", "list", "", "team-a", "services", "", "web", "RoleBinding \"named/team-a\" of Role \"named\" to User \"named\"" },
        { "named", "", "create", "", "team-a", "services", "", "", "" },
        { "named", "", "delete", "", "team-a", "services", "", "web", "RoleBinding \"named/team-a\" of Role \"named\" to User \"named\"" },
        // subjects: a Group, a ServiceAccount whose namespace defaults to the RoleBinding's, a ClusterRoleBinding's SA needs one
        { "alice", "devs", "get", "", "team-a", "services", "", "web", "RoleBinding \"by-group/team-a\" of Role \"verbs\" to Group \"devs\"" },
        { "alice", "", "get", "", "team-a", "services", "", "web", "" },
        { "system:serviceaccount:team-a:robot", "", "get", "", "team-a", "services", "", "web",
            "RoleBinding \"by-sa/team-a\" of Role \"verbs\" to ServiceAccount \"robot/team-a\"" },
        { "system:serviceaccount:team-b:robot", "", "get", "", "team-a", "services", "", "web", "" },
        { "system:serviceaccount:team-a:robot", "", "get", "", "team-a", "secrets", "", "s", "" },
        // a RoleBinding to a ClusterRole grants it in its own namespace only
        { "scoped", "", "get", "", "team-a", "secrets", "", "s", "RoleBinding \"scoped/team-a\" of ClusterRole \"secret-reader\" to User \"scoped\"" },
        { "scoped", "", "get", "", "team-b", "secrets", "", "s", "" },
        { "scoped", "", "get", "", "", "secrets", "", "s", "" },
        // nonResourceURLs: exact, or a prefix ending in *
        { "urls", "", "get", "", "", "", "", "/healthz", "ClusterRoleBinding \"urls\" of ClusterRole \"urls\" to User \"urls\"" },
        { "urls", "", "get", "", "", "", "", "/logs/kube/a.log", "ClusterRoleBinding \"urls\" of ClusterRole \"urls\" to User \"urls\"" },
        { "urls", "", "get", "", "", "", "", "/logs", "" },
        { "urls", "", "post", "", "", "", "", "/healthz", "" },
        { "urls", "", "get", "", "", "", "", "/healthz/etcd", "" },
        // aggregation: the rules of the labelled ClusterRole
        { "aggregated", "", "list", "networking.k8s.io", "team-b", "ingresses", "", "", "ClusterRoleBinding \"aggregated\" of ClusterRole \"reader\" to User \"aggregated\"" },
        { "aggregated", "", "get", "networking.k8s.io", "team-b", "ingresses", "", "i", "" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Authorize_RuleShape_DecisionAndReasonAsKubeApiserver(string user, string group, string verb, string apiGroup, string ns,
        string resource, string subresource, string nameOrPath, string allowedBy)
    {
        var authorizer = new RbacAuthorizer(RbacFixture.Cluster);
        var attributes = resource.Length == 0
            ? new RequestAttributes(false, verb, nameOrPath)
            : new RequestAttributes(true, verb, "", apiGroup, ns, resource, subresource, nameOrPath);
        var who = group.Length == 0 ? RbacFixture.User(user) : RbacFixture.User(user, group);

        var (decision, reason) = authorizer.Authorize(who, attributes);

        Assert.Equal(
            allowedBy.Length == 0 ? (Decision.NoOpinion, "") : (Decision.Allow, RbacAllowedBy + allowedBy),
            (decision, reason));
    }

    [Fact]
    public void Authorize_BindingToMissingRole_NoOpinionWithTheListerError()
    {
        var authorizer = new RbacAuthorizer(RbacFixture.Cluster);

        var (decision, reason) = authorizer.Authorize(RbacFixture.User("missing"),
            new RequestAttributes(true, "get", "", "", "team-a", "services", "", "web"));

        Assert.Equal((Decision.NoOpinion, "RBAC: role.rbac.authorization.k8s.io \"gone\" not found"), (decision, reason));
    }

    [Fact]
    public void Forbidden_ReasonGiven_AppendedAfterTheMessage()
    {
        var attributes = new RequestAttributes(true, "get", "", "", "team-a", "services", "", "web");

        var e = attributes.Forbidden("missing", "RBAC: role.rbac.authorization.k8s.io \"gone\" not found");

        Assert.Equal("services \"web\" is forbidden: User \"missing\" cannot get resource \"services\" in API group \"\" in the namespace \"team-a\": " +
            "RBAC: role.rbac.authorization.k8s.io \"gone\" not found", e.Message);
    }
}
