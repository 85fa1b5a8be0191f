using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// A server-side apply or a PUT that creates is authorized as patch or update, then, as kube-apiserver does, as create
/// on the same object: bob, who may patch and update services in team-a but not create them, is refused with
/// <c>services "web" is forbidden: </c> (RBAC gives no reason) and writes existing Services; once granted create, he creates.
/// </summary>
public sealed class CreateThroughWriteAuthorizationTests : EmulatorTest
{
    private const string Forbidden = "services \"web\" is forbidden: ";
    private const string Web = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""";

    public override async Task InitializeAsync()
    {
        await Client.CoreV1.CreateNamespaceAsync(Objects.Namespace("team-a")).DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            RbacObjects.Role("writer", RbacObjects.Rule(["patch", "update"], "", "services")), "team-a").DefaultTimeout();
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            RbacObjects.RoleBinding("bob", "Role", "writer", RbacObjects.User("bob")), "team-a").DefaultTimeout();
    }

    [Fact]
    public async Task Apply_NewServiceWithoutCreate_ForbiddenStatusNamingTheService_NothingStored()
    {
        using var bob = Impersonate.Client(Emulator, "bob");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(bob, Web));
        var dryRun = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(bob, Web, dryRun: "All"));

        var status = e.Status();
        Assert.Equal((403, "Failure", "Forbidden", Forbidden), (status.Code ?? 0, status.Status, status.Reason, status.Message));
        Assert.Equal(("web", null, "services"), (status.Details.Name, status.Details.Group, status.Details.Kind));
        Assert.Equal((403, Forbidden), (dryRun.Status().Code ?? 0, dryRun.Status().Message));
        Assert.Empty((await Client.CoreV1.ListNamespacedServiceAsync("team-a").DefaultTimeout()).Items);
    }

    [Fact]
    public async Task Apply_ExistingService_PatchIsEnough()
    {
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "team-a").DefaultTimeout();
        using var bob = Impersonate.Client(Emulator, "bob");

        using var applied = await ApplyAsync(bob, Web);

        Assert.Equal(HttpStatusCode.OK, applied.Response.StatusCode);
    }

    [Fact]
    public async Task Apply_NewServiceOnceCreateGranted_Created()
    {
        await GrantCreateAsync();
        using var bob = Impersonate.Client(Emulator, "bob");

        using var applied = await ApplyAsync(bob, Web);

        Assert.Equal((HttpStatusCode.Created, "web"), (applied.Response.StatusCode, applied.Body.Metadata.Name));
    }

    [Fact]
    public async Task Apply_InvalidNewService_ValidationAnswersBeforeTheCreateCheck()
    {
        using var bob = Impersonate.Client(Emulator, "bob");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            ApplyAsync(bob, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":0}]}}"""));

        Assert.Equal((422, "Invalid"), (e.Status().Code ?? 0, e.Status().Reason));
    }

    [Fact]
    public async Task Replace_NewService_ForbiddenWithoutCreate_CreatedWithIt()
    {
        using var bob = Impersonate.Client(Emulator, "bob");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => bob.CoreV1.ReplaceNamespacedServiceAsync(Objects.Service("web"), "web", "team-a"));
        await GrantCreateAsync();
        using var created = await bob.CoreV1.ReplaceNamespacedServiceWithHttpMessagesAsync(Objects.Service("web"), "web", "team-a").DefaultTimeout();
        using var replaced = await bob.CoreV1.ReplaceNamespacedServiceWithHttpMessagesAsync(created.Body, "web", "team-a").DefaultTimeout();

        Assert.Equal((403, Forbidden, "web", "services"), (e.Status().Code ?? 0, e.Status().Message, e.Status().Details.Name, e.Status().Details.Kind));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.Response.StatusCode, replaced.Response.StatusCode));
    }

    private static Task<HttpOperationResponse<V1Service>> ApplyAsync(IKubernetes client, string body, string? dryRun = null) =>
        client.CoreV1.PatchNamespacedServiceWithHttpMessagesAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", "team-a",
            dryRun: dryRun, fieldManager: "bob").DefaultTimeout();

    private Task GrantCreateAsync() =>
        Client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(
            RbacObjects.Role("writer", RbacObjects.Rule(["patch", "update", "create"], "", "services")), "writer", "team-a").DefaultTimeout();
}
