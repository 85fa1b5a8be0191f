using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// kube-apiserver authenticates and authorizes a watch when it starts: a watch opened with a token that then expires
/// keeps delivering, while every new request with that token is refused. (Ending such streams is KubeRpc's job.)
/// </summary>
public sealed class TokenWatchTests : EmulatorTest
{
    private readonly FakeTimeProvider _clock;

    public TokenWatchTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 15, 4, 5, TimeSpan.Zero)))
    {
    }

    private TokenWatchTests(FakeTimeProvider clock)
        : base(new EmulatorOptions { TimeProvider = clock }) => _clock = clock;

    [Fact]
    public async Task Watch_StartedWithATokenThatThenExpires_KeepsDelivering_NewRequestsUnauthorized()
    {
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "watcher" } }, "default")
            .DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "svc-watcher" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["list", "watch"] }],
        }, "default").DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "watcher" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "svc-watcher" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "watcher", NamespaceProperty = "default" }],
        }, "default").DefaultTimeout();
        var token = (await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 600 } }, "watcher", "default").DefaultTimeout()).Status.Token;
        var from = (await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout()).Metadata.ResourceVersion;
        using var http = new HttpClient(Emulator.CreateHandler()) { BaseAddress = new Uri("http://emulator.invalid") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var watch = await http.GetAsync($"/api/v1/namespaces/default/services?watch=true&resourceVersion={from}",
            HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync().DefaultTimeout());

        // Past expiry and the validator's minute of leeway.
        _clock.Advance(TimeSpan.FromMinutes(12));
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("after-expiry"), "default").DefaultTimeout();
        var line = await events.ReadLineAsync().DefaultTimeout();
        using var list = await http.GetAsync("/api/v1/namespaces/default/services").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        Assert.Contains("\"type\":\"ADDED\"", line, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"after-expiry\"", line, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }
}
