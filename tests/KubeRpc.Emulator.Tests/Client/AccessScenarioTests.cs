using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// The access story through the real KubernetesClient in process, as KubeRpc will drive it: the admin grants a service
/// account services in one namespace; a client holding the account's token is allowed there, forbidden elsewhere and
/// refused impersonation; once the account is deleted its token is 401.
/// </summary>
public sealed class AccessScenarioTests : EmulatorTest
{
    private const string Robot = "system:serviceaccount:team-a:robot";

    [Fact]
    public async Task BearerTokenOfAServiceAccountWithARole_AllowedInItsNamespaceOnly_ImpersonationRefused_401OnceDeleted()
    {
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }).DefaultTimeout();
        }
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, "team-a")
            .DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "svc-editor" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["get", "list", "create"] }],
        }, "team-a").DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "robot-svc" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "svc-editor" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot", NamespaceProperty = "team-a" }],
        }, "team-a").DefaultTimeout();
        var token = (await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() },
            "robot", "team-a").DefaultTimeout()).Status.Token;
        using var robot = WithToken(token);
        using var impersonating = WithToken(token);
        impersonating.HttpClient.DefaultRequestHeaders.Add("Impersonate-User", "alice");

        var here = await CanCreateServicesAsync(robot, "team-a");
        var there = await CanCreateServicesAsync(robot, "team-b");
        var created = await robot.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "team-a").DefaultTimeout();
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => robot.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "team-b"));
        var impersonation = await Assert.ThrowsAsync<HttpOperationException>(() => impersonating.CoreV1.ListNamespacedServiceAsync("team-a"));
        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("robot", "team-a").DefaultTimeout();
        var deleted = await Assert.ThrowsAsync<HttpOperationException>(() => CanCreateServicesAsync(robot, "team-b"));

        Assert.Equal((true, false), (here, there));
        Assert.Equal("web", created.Metadata.Name);
        AssertStatus(forbidden, 403, $"services is forbidden: User \"{Robot}\" cannot create resource \"services\" in API group \"\" in the namespace \"team-b\"");
        AssertStatus(impersonation, 403,
            $"users \"alice\" is forbidden: User \"{Robot}\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
        AssertStatus(deleted, 401, "Unauthorized");
    }

    private Kubernetes WithToken(string token) =>
        new(new KubernetesClientConfiguration { Host = "http://emulator.invalid", AccessToken = token }, Emulator.CreateHandler());

    private static async Task<bool> CanCreateServicesAsync(Kubernetes client, string ns) =>
        (await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = "create", Resource = "services" } },
        }).DefaultTimeout()).Status.Allowed;

    private static void AssertStatus(HttpOperationException e, int code, string message)
    {
        var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content);
        Assert.Equal((code, message), ((int)e.Response.StatusCode, status.Message));
    }
}
