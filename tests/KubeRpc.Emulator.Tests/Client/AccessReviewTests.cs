using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>authorization.k8s.io/v1 reviews through KubernetesClient in-process, answered from the stored RBAC objects.</summary>
public sealed class AccessReviewTests : EmulatorTest
{
    public override Task InitializeAsync() => RbacObjects.TeamsAsync(Client);

    [Fact]
    public async Task SubjectAccessReview_UserInTwoNamespaces_AllowedWithReasonThenNot()
    {
        var here = await Client.AuthorizationV1.CreateSubjectAccessReviewAsync(Review("bob", "team-a")).DefaultTimeout();
        var there = await Client.AuthorizationV1.CreateSubjectAccessReviewAsync(Review("bob", "team-b")).DefaultTimeout();

        Assert.Equal((true, "RBAC: allowed by RoleBinding \"bob/team-a\" of Role \"svc\" to User \"bob\""), (here.Status.Allowed, here.Status.Reason));
        Assert.Equal("create", here.Spec.ResourceAttributes.Verb);
        Assert.Equal((false, null, null), (there.Status.Allowed, there.Status.Reason, there.Status.Denied));
    }

    [Fact]
    public async Task SubjectAccessReview_GroupOfMasters_AllowedWithoutReasonEvenWithoutTheClusterAdminBinding()
    {
        var review = Review("", "team-b");
        review.Spec.Groups = ["system:masters"];

        var answer = await Client.AuthorizationV1.CreateSubjectAccessReviewAsync(review).DefaultTimeout();
        // The privileged-group authorizer in front of RBAC decides, so the binding is not what grants.
        await Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync("cluster-admin").DefaultTimeout();
        var withoutBinding = await Client.AuthorizationV1.CreateSubjectAccessReviewAsync(review).DefaultTimeout();

        Assert.Equal((true, null), (answer.Status.Allowed, answer.Status.Reason));
        Assert.Equal((true, null), (withoutBinding.Status.Allowed, withoutBinding.Status.Reason));
    }

    [Fact]
    public async Task SubjectAccessReview_NoAttributesNoUser_InvalidNamingOnlyTheGroup()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec() }));

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal(".authorization.k8s.io \"\" is invalid: [spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes " +
            "or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or group must be specified]", e.Status().Message);
    }

    [Fact]
    public async Task SelfSubjectAccessReview_Impersonated_AnswersForTheImpersonatedUser()
    {
        using var bob = Impersonate.Client(Emulator, "bob");

        var here = await bob.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(SelfReview("team-a")).DefaultTimeout();
        var there = await bob.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(SelfReview("team-b")).DefaultTimeout();
        var admin = await Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(SelfReview("team-b")).DefaultTimeout();

        Assert.True(here.Status.Allowed);
        Assert.False(there.Status.Allowed);
        Assert.True(admin.Status.Allowed);
    }

    [Fact]
    public async Task SelfSubjectRulesReview_Impersonated_ListsTheRulesOfTheNamespace()
    {
        using var bob = Impersonate.Client(Emulator, "bob");
        var review = new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "team-a" } };

        var teamA = await bob.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(review).DefaultTimeout();
        review.Spec.NamespaceProperty = "team-b";
        var teamB = await bob.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(review).DefaultTimeout();

        Assert.Contains(teamA.Status.ResourceRules, r => r.Resources.SequenceEqual(["services"]) && r.Verbs.SequenceEqual(["get", "list", "create"]));
        Assert.DoesNotContain(teamB.Status.ResourceRules, r => r.Resources.Contains("services"));
        // system:basic-user, bound to every authenticated user, lets bob review himself in any namespace.
        Assert.Contains(teamB.Status.ResourceRules, r => r.Resources.Contains("selfsubjectrulesreviews"));
        Assert.Contains(teamB.Status.NonResourceRules, r => r.NonResourceURLs.Contains("/version"));
        Assert.False(teamB.Status.Incomplete);
    }

    [Fact]
    public async Task SelfSubjectRulesReview_NoNamespace_BadRequest()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec() }));

        Assert.Equal((400, "no namespace on request"), ((int)e.Response.StatusCode, e.Status().Message));
    }

    [Fact]
    public async Task LocalSubjectAccessReview_OtherNamespaceInSpec_Invalid()
    {
        var review = new V1LocalSubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = "bob", ResourceAttributes = Attributes("team-b") },
        };

        var answer = await Client.AuthorizationV1.CreateNamespacedLocalSubjectAccessReviewAsync(
            new V1LocalSubjectAccessReview { Spec = new V1SubjectAccessReviewSpec { User = "bob", ResourceAttributes = Attributes("team-a") } },
            "team-a").DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AuthorizationV1.CreateNamespacedLocalSubjectAccessReviewAsync(review, "team-a"));

        Assert.True(answer.Status.Allowed);
        Assert.Equal("team-a", answer.Metadata.NamespaceProperty);
        Assert.Equal(".authorization.k8s.io \"\" is invalid: spec.resourceAttributes.namespace: Invalid value: \"team-b\": must match metadata.namespace",
            e.Status().Message);
    }

    [Fact]
    public async Task Review_Get_MethodNotAllowed()
    {
        var response = await ((Kubernetes)Client).HttpClient.GetAsync(
            new Uri("http://emulator.invalid/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")).DefaultTimeout();
        var status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync());

        Assert.Equal((405, "MethodNotAllowed", "the server does not allow this method on the requested resource"),
            ((int)response.StatusCode, status.Reason, status.Message));
    }

    private static V1SubjectAccessReview Review(string user, string ns) => new()
    {
        Spec = new V1SubjectAccessReviewSpec { User = user.Length == 0 ? null : user, ResourceAttributes = Attributes(ns) },
    };

    private static V1SelfSubjectAccessReview SelfReview(string ns) => new()
    {
        Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = Attributes(ns) },
    };

    private static V1ResourceAttributes Attributes(string ns) => new() { Verb = "create", Resource = "services", NamespaceProperty = ns };
}
