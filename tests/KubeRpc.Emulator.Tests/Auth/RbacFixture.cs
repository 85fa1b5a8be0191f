using k8s.Models;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Controllers;
using KubeRpc.Emulator.Tests.Admission;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>
/// A cluster of roles and bindings, one per rule shape the RBAC tests exercise, each granted to its own user so the
/// rows of the decision table do not interfere. Namespaces: team-a and team-b.
/// </summary>
internal static class RbacFixture
{
    public static readonly FakeClusterReader Cluster = Build();

    public static UserInfo User(string name, params string[] groups) =>
        new(name, "", [.. groups, UserInfo.AuthenticatedGroup], new Dictionary<string, IReadOnlyList<string>>());

    private static FakeClusterReader Build()
    {
        var cluster = new FakeClusterReader();
        // One Role in team-a per shape, bound to a user of the same name.
        Role(cluster, "verbs", Rule(["get", "list"], [""], ["services"]));
        Role(cluster, "groups", Rule(["get"], ["apps"], ["deployments"]));
        Role(cluster, "status", Rule(["update"], [""], ["services/status"]));
        Role(cluster, "anystatus", Rule(["get"], [""], ["*/status"]));
        Role(cluster, "wild", Rule(["*"], ["*"], ["*"]));
        Role(cluster, "named", Rule(["get", "list", "create", "delete", "update"], [""], ["services"], ["web"]));
        cluster.Add("rolebindings", Binding("gone", "team-a", "Role", "gone", Subject("User", "missing")));
        cluster.Add("rolebindings", Binding("by-group", "team-a", "Role", "verbs", Subject("Group", "devs")));
        cluster.Add("rolebindings", Binding("by-sa", "team-a", "Role", "verbs", new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot" }));

        // A ClusterRole bound in one namespace only, and one bound cluster-wide to a service account without namespace.
        ClusterRole(cluster, "secret-reader", null, Rule(["get"], [""], ["secrets"]));
        cluster.Add("rolebindings", Binding("scoped", "team-a", "ClusterRole", "secret-reader", Subject("User", "scoped")));
        cluster.Add("clusterrolebindings", Binding("sa-no-ns", null, "ClusterRole", "secret-reader",
            new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot" }));
        ClusterRole(cluster, "urls", null, NonResource(["get"], "/healthz", "/logs/*"));
        cluster.Add("clusterrolebindings", Binding("urls", null, "ClusterRole", "urls", Subject("User", "urls")));

        // Aggregation: "reader" gets the rules of the roles labelled to join it.
        ClusterRole(cluster, "ingress-reader", new Dictionary<string, string> { ["join"] = "reader" }, Rule(["list"], ["networking.k8s.io"], ["ingresses"]));
        var reader = new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            AggregationRule = new V1AggregationRule
            {
                ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["join"] = "reader" } }],
            },
        };
        reader.Rules = ClusterRoleAggregation.Rules(reader, [.. cluster.List("clusterroles").Cast<V1ClusterRole>()]);
        cluster.Add("clusterroles", reader);
        cluster.Add("clusterrolebindings", Binding("aggregated", null, "ClusterRole", "reader", Subject("User", "aggregated")));
        return cluster;
    }

    private static void Role(FakeClusterReader cluster, string name, V1PolicyRule rule)
    {
        cluster.Add("roles", new V1Role { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team-a" }, Rules = [rule] });
        cluster.Add("rolebindings", Binding(name, "team-a", "Role", name, Subject("User", name)));
    }

    private static void ClusterRole(FakeClusterReader cluster, string name, Dictionary<string, string>? labels, V1PolicyRule rule) =>
        cluster.Add("clusterroles", new V1ClusterRole { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Rules = [rule] });

    private static V1PolicyRule Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new() { Verbs = verbs, ApiGroups = groups, Resources = resources, ResourceNames = names };

    private static V1PolicyRule NonResource(string[] verbs, params string[] urls) => new() { Verbs = verbs, NonResourceURLs = urls };

    private static Rbacv1Subject Subject(string kind, string name) =>
        new() { Kind = kind, Name = name, ApiGroup = "rbac.authorization.k8s.io" };

    private static k8s.IKubernetesObject<V1ObjectMeta> Binding(string name, string? ns, string roleKind, string roleName, Rbacv1Subject subject)
    {
        var roleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = roleKind, Name = roleName };
        return ns is null
            ? new V1ClusterRoleBinding { Metadata = new V1ObjectMeta { Name = name }, RoleRef = roleRef, Subjects = [subject] }
            : new V1RoleBinding { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, RoleRef = roleRef, Subjects = [subject] };
    }
}
