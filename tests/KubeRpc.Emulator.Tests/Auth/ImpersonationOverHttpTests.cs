using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Clients;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>
/// Impersonation over HTTP by a caller that is not the admin: a request from a foreign Host is system:anonymous, which RBAC
/// lets impersonate nobody until a ClusterRoleBinding grants it the verb; then the request is authorized as the impersonated user.
/// </summary>
public sealed class ImpersonationOverHttpTests : IAsyncLifetime
{
    private const string Foreign = "evil.example";
    private StandaloneEmulator _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await StandaloneEmulator.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_host.Url) };
        await RbacObjects.TeamsAsync(_host.Client);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Impersonate_AnonymousWithoutTheVerb_ForbiddenPerKindOfRequest()
    {
        var user = await GetAsync(("Impersonate-User", "bob"));
        var serviceAccount = await GetAsync(("Impersonate-User", "system:serviceaccount:team-a:robot"));

        Assert.Equal((403, "users \"bob\" is forbidden: User \"system:anonymous\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"),
            user);
        Assert.Equal((403, "serviceaccounts \"robot\" is forbidden: User \"system:anonymous\" cannot impersonate resource \"serviceaccounts\" " +
            "in API group \"\" in the namespace \"team-a\""), serviceAccount);
    }

    [Fact]
    public async Task Impersonate_VerbGrantedOnOneUser_ActsAsThatUserOnly()
    {
        await _host.Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "impersonate-bob" },
            Rules = [new V1PolicyRule { Verbs = ["impersonate"], ApiGroups = [""], Resources = ["users"], ResourceNames = ["bob"] }],
        }).DefaultTimeout();
        await _host.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "anonymous-impersonates-bob" },
            RoleRef = new V1RoleRef { ApiGroup = RbacObjects.Group, Kind = "ClusterRole", Name = "impersonate-bob" },
            Subjects = [new Rbacv1Subject { ApiGroup = RbacObjects.Group, Kind = "Group", Name = "system:unauthenticated" }],
        }).DefaultTimeout();

        var bob = await GetAsync(("Impersonate-User", "bob"));
        var bobElsewhere = await GetAsync("/api/v1/namespaces/team-b/services", ("Impersonate-User", "bob"));
        var alice = await GetAsync(("Impersonate-User", "alice"));
        var withGroup = await GetAsync(("Impersonate-User", "bob"), ("Impersonate-Group", "devs"));
        var withExtra = await GetAsync(("Impersonate-User", "bob"), ("Impersonate-Extra-Scopes", "read"));

        Assert.Equal((200, ""), bob);
        Assert.Equal((403, "services is forbidden: User \"bob\" cannot list resource \"services\" in API group \"\" in the namespace \"team-b\""), bobElsewhere);
        Assert.Equal(403, alice.Code);
        Assert.Equal((403, "groups \"devs\" is forbidden: User \"system:anonymous\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope"),
            withGroup);
        Assert.Equal((403, "userextras.authentication.k8s.io \"read\" is forbidden: User \"system:anonymous\" cannot impersonate resource " +
            "\"userextras/scopes\" in API group \"authentication.k8s.io\" at the cluster scope"), withExtra);
    }

    private Task<(int Code, string Message)> GetAsync(params (string Name, string Value)[] headers) =>
        GetAsync("/api/v1/namespaces/team-a/services", headers);

    private async Task<(int Code, string Message)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Foreign;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        using var response = await _http.SendAsync(request).DefaultTimeout();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout());
        return ((int)response.StatusCode, (string?)body?["message"] ?? "");
    }
}
