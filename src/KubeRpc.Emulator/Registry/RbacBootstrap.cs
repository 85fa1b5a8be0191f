using k8s.Models;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Auth.Rbac;

namespace KubeRpc.Emulator.Registry;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings of a fresh kube-apiserver 1.32 that the emulator's users meet
/// (bootstrappolicy policy.go <c>ClusterRoles</c> and <c>ClusterRoleBindings</c>), each labelled
/// <c>kubernetes.io/bootstrapping: rbac-defaults</c> and annotated <c>rbac.authorization.kubernetes.io/autoupdate: "true"</c>.
/// admin, edit and view have no rules of their own: the aggregation controller fills them in.
/// </summary>
internal static class RbacBootstrap
{
    private const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    private const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    private const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";

    public static IEnumerable<V1ClusterRole> ClusterRoles() =>
    [
        Role("cluster-admin", RbacBootstrapRules.ClusterAdmin),
        Role("system:discovery", RbacBootstrapRules.Discovery),
        Role("system:monitoring", RbacBootstrapRules.Monitoring),
        Role("system:basic-user", RbacBootstrapRules.BasicUser),
        Role("system:public-info-viewer", RbacBootstrapRules.PublicInfoViewer),
        Aggregated("admin", AggregateToAdmin),
        Aggregated("edit", AggregateToEdit, AggregateToAdmin),
        Aggregated("view", AggregateToView, AggregateToEdit),
        Role("system:aggregate-to-admin", RbacBootstrapRules.AggregateToAdmin, AggregateToAdmin),
        Role("system:aggregate-to-edit", RbacBootstrapRules.AggregateToEdit, AggregateToEdit),
        Role("system:aggregate-to-view", RbacBootstrapRules.AggregateToView, AggregateToView),
    ];

    public static IEnumerable<V1ClusterRoleBinding> ClusterRoleBindings() =>
    [
        Binding("cluster-admin", UserInfo.MastersGroup),
        Binding("system:monitoring", "system:monitoring"),
        Binding("system:discovery", UserInfo.AuthenticatedGroup),
        Binding("system:basic-user", UserInfo.AuthenticatedGroup),
        Binding("system:public-info-viewer", UserInfo.AuthenticatedGroup, UserInfo.UnauthenticatedGroup),
    ];

    public static void Apply(ObjectRegistry registry)
    {
        foreach (var role in ClusterRoles())
        {
            registry.Create(registry.Catalog.ClusterRoles, null, role, WriteOptions.Default);
        }
        foreach (var binding in ClusterRoleBindings())
        {
            registry.Create(registry.Catalog.ClusterRoleBindings, null, binding, WriteOptions.Default);
        }
    }

    private static V1ClusterRole Role(string name, V1PolicyRule[] rules, string? aggregateLabel = null) =>
        new() { Metadata = Meta(name, aggregateLabel), Rules = rules };

    /// <summary>A role made of the roles labelled <paramref name="selectorLabel"/>, itself labelled to join the next one up.</summary>
    private static V1ClusterRole Aggregated(string name, string selectorLabel, string? aggregateLabel = null) => new()
    {
        Metadata = Meta(name, aggregateLabel),
        AggregationRule = new V1AggregationRule
        {
            ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [selectorLabel] = "true" } }],
        },
    };

    private static V1ClusterRoleBinding Binding(string name, params string[] groups) => new()
    {
        Metadata = Meta(name, null),
        RoleRef = new V1RoleRef { ApiGroup = RbacNames.GroupName, Kind = "ClusterRole", Name = name },
        Subjects = [.. groups.Select(g => new Rbacv1Subject { ApiGroup = RbacNames.GroupName, Kind = RbacNames.GroupKind, Name = g })],
    };

    private static V1ObjectMeta Meta(string name, string? aggregateLabel)
    {
        var labels = new Dictionary<string, string> { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        if (aggregateLabel is not null)
        {
            labels[aggregateLabel] = "true";
        }
        return new V1ObjectMeta
        {
            Name = name,
            Labels = labels,
            Annotations = new Dictionary<string, string> { [RbacNames.AutoUpdateAnnotation] = "true" },
        };
    }
}
