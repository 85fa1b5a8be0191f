using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// Writes reach the API server as their caller (Auth:Impersonate), so its own RBAC decides them too: a server-side apply
/// that creates needs <c>create</c> besides the <c>patch</c> KubeRpc checked, and kube-apiserver refuses it.
/// </summary>
public sealed class ImpersonationTests
{
    [Fact]
    public async Task ApplyCreatingAnObject_WithPatchOnly_RefusedByTheApiServersOwnRbac()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("applier");
        await access.GrantAsync("applier", "team-a", ["patch"], ["services"]);

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => ApplyAsync(host, token));

        // The API server's words (errors.NewForbidden with RBAC's empty reason), not KubeRpc's own check.
        Assert.Equal("services \"web\" is forbidden: ", e.Status.Detail);
        Assert.Equal("403", e.Info().Metadata["kubernetes_code"]);
    }

    [Fact]
    public async Task ImpersonateOff_TheSameApplyIsKubeRpcsOwn()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Auth:Impersonate"] = "false",
        }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("applier");
        await access.GrantAsync("applier", "team-a", ["patch"], ["services"]);

        var applied = await ApplyAsync(host, token);

        Assert.Equal("web", applied.Metadata.Name);
    }

    [Fact]
    public async Task AllowedWrite_ManagedFieldsNameTheFieldManager_AndTheObjectIsStored()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("applier");
        await access.GrantAsync("applier", "team-a", ["patch", "create"], ["services"]);

        var applied = await ApplyAsync(host, token);
        var stored = await host.Kubernetes.CoreV1.ReadNamespacedServiceAsync("web", "team-a").DefaultTimeout();

        Assert.Equal(applied.Metadata.Uid, stored.Metadata.Uid);
        Assert.Contains(stored.Metadata.ManagedFields, f => f.Manager == "team-tool" && f.Operation == "Apply");
    }

    private static Task<Service> ApplyAsync(KubeRpcHost host, string token) =>
        host.Services.ApplyServiceAsync(new ApplyServiceRequest
        {
            FieldManager = "team-tool",
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "team-a" },
                Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
            },
        }, Bearer(token)).ResponseAsync.DefaultTimeout();
}
