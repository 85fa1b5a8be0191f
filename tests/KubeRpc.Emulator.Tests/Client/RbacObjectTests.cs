using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>The four RBAC kinds through KubernetesClient: validation worded as kube-apiserver's, and ClusterRole aggregation.</summary>
public sealed class RbacObjectTests : EmulatorTest
{
    public override Task InitializeAsync() => RbacObjects.TeamsAsync(Client);

    [Fact]
    public async Task CreateRole_RuleWithoutVerbsOrGroups_Invalid()
    {
        var role = RbacObjects.Role("bad", new V1PolicyRule { Resources = ["services"] }, new V1PolicyRule { Verbs = ["get"], NonResourceURLs = ["/x"] });

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, "team-a"));

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal("Role.rbac.authorization.k8s.io \"bad\" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, " +
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group, " +
            "rules[1].nonResourceURLs: Invalid value: []string{\"/x\"}: namespaced rules cannot apply to non-resource URLs]", e.Status().Message);
    }

    [Fact]
    public async Task CreateClusterRoleBinding_BadSubjectsAndRoleRef_Invalid()
    {
        var binding = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "bad" },
            RoleRef = new V1RoleRef { Kind = "Role", Name = "svc" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot" }, new Rbacv1Subject { Kind = "Robot", Name = "r2" }],
        };

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding));

        // roleRef.apiGroup was defaulted; a ClusterRoleBinding's ServiceAccount must name its namespace.
        Assert.Equal("ClusterRoleBinding.rbac.authorization.k8s.io \"bad\" is invalid: [roleRef.kind: Unsupported value: \"Role\": supported values: " +
            "\"ClusterRole\", subjects[0].namespace: Required value, subjects[1].kind: Unsupported value: \"Robot\": supported values: " +
            "\"ServiceAccount\", \"User\", \"Group\"]", e.Status().Message);
    }

    [Fact]
    public async Task ReplaceRoleBinding_OtherRoleRef_CannotChangeRoleRef()
    {
        var binding = await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("bob", "team-a").DefaultTimeout();
        binding.RoleRef.Kind = "ClusterRole";
        binding.RoleRef.Name = "view";

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(binding, "bob", "team-a"));

        Assert.Equal("RoleBinding.rbac.authorization.k8s.io \"bob\" is invalid: roleRef: Invalid value: " +
            "rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"view\"}: cannot change roleRef", e.Status().Message);
    }

    [Fact]
    public async Task DeleteRole_BoundUser_LosesAccessOnTheNextRequest()
    {
        using var bob = Impersonate.Client(Emulator, "bob");
        await bob.CoreV1.ListNamespacedServiceAsync("team-a").DefaultTimeout();

        await Client.RbacAuthorizationV1.DeleteNamespacedRoleAsync("svc", "team-a").DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => bob.CoreV1.ListNamespacedServiceAsync("team-a"));

        // The binding is left pointing at nothing: the lister's NotFound is the RBAC reason.
        Assert.Equal((403, "services is forbidden: User \"bob\" cannot list resource \"services\" in API group \"\" in the namespace \"team-a\": " +
            "RBAC: role.rbac.authorization.k8s.io \"svc\" not found"), ((int)e.Response.StatusCode, e.Status().Message));
    }

    [Fact]
    public async Task Aggregation_LabelledClusterRoleCreated_ViewGainsItsRulesAndBindingsFollow()
    {
        var view = await Client.RbacAuthorizationV1.ReadClusterRoleAsync("view").DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(RbacObjects.RoleBinding("carol-view", "ClusterRole", "view",
            RbacObjects.User("carol")), "team-a").DefaultTimeout();
        var rule = RbacObjects.Rule(["get", "list"], "networking.k8s.io", "ingressclasses");
        var extra = new V1ClusterRole
        {
            Metadata = new V1ObjectMeta
            {
                Name = "ingressclass-viewer",
                Labels = new Dictionary<string, string> { ["rbac.authorization.k8s.io/aggregate-to-view"] = "true" },
            },
            Rules = [rule],
        };

        await Client.RbacAuthorizationV1.CreateClusterRoleAsync(extra).DefaultTimeout();
        var aggregated = await NextViewWithAsync(view.Metadata.ResourceVersion, r => r.Rules.Any(p => p.Resources?.Contains("ingressclasses") == true));
        var review = await Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = "carol",
                ResourceAttributes = new V1ResourceAttributes { Verb = "list", Group = "networking.k8s.io", Resource = "ingressclasses", NamespaceProperty = "team-a" },
            },
        }).DefaultTimeout();

        // Roles are taken in name order: ingressclass-viewer's rule comes before system:aggregate-to-view's.
        Assert.Equal(view.Rules.Count + 1, aggregated.Rules.Count);
        Assert.Equal(["ingressclasses"], aggregated.Rules[0].Resources);
        Assert.Equal((true, "RBAC: allowed by RoleBinding \"carol-view/team-a\" of ClusterRole \"view\" to User \"carol\""),
            (review.Status.Allowed, review.Status.Reason));

        await Client.RbacAuthorizationV1.DeleteClusterRoleAsync("ingressclass-viewer").DefaultTimeout();
        var shrunk = await NextViewWithAsync(aggregated.Metadata.ResourceVersion, r => r.Rules.Count == view.Rules.Count);
        Assert.DoesNotContain(shrunk.Rules, r => r.Resources?.Contains("ingressclasses") == true);
    }

    [Fact]
    public async Task Seed_DefaultRoles_AdminAggregatesEditWhichAggregatesView()
    {
        var admin = await Client.RbacAuthorizationV1.ReadClusterRoleAsync("admin").DefaultTimeout();
        var edit = await Client.RbacAuthorizationV1.ReadClusterRoleAsync("edit").DefaultTimeout();
        var view = await Client.RbacAuthorizationV1.ReadClusterRoleAsync("view").DefaultTimeout();
        var bindings = await Client.RbacAuthorizationV1.ListClusterRoleBindingAsync().DefaultTimeout();

        Assert.Equal("rbac-defaults", admin.Metadata.Labels["kubernetes.io/bootstrapping"]);
        Assert.Equal("true", admin.Metadata.Annotations["rbac.authorization.kubernetes.io/autoupdate"]);
        Assert.Equal(edit.Rules.Count + 2, admin.Rules.Count);
        Assert.Contains(edit.Rules, r => r.Resources?.Contains("secrets") == true && r.Verbs.Contains("create"));
        Assert.DoesNotContain(view.Rules, r => r.Resources?.Contains("secrets") == true);
        Assert.Equal(["cluster-admin", "system:basic-user", "system:discovery", "system:monitoring", "system:public-info-viewer"],
            bindings.Items.Select(b => b.Metadata.Name));
    }

    private async Task<V1ClusterRole> NextViewWithAsync(string resourceVersion, Func<V1ClusterRole, bool> wanted)
    {
        using var cancel = new CancellationTokenSource(TaskTimeouts.Default);
        await foreach (var (_, role) in Client.RbacAuthorizationV1.WatchListClusterRoleAsync(fieldSelector: "metadata.name=view",
                           resourceVersion: resourceVersion, cancellationToken: cancel.Token))
        {
            if (wanted(role))
            {
                return role;
            }
        }
        throw new InvalidOperationException("the watch ended before view was aggregated");
    }
}
