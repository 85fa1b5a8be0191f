using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>UpdateService: a whole-object replace with optimistic concurrency on metadata.resource_version.</summary>
public sealed class ServiceUpdateTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Service> UpdateAsync(Service service, bool dryRun = false) =>
        _host.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = service, DryRun = dryRun }).Bounded();

    [Fact]
    public async Task UpdateService_CurrentResourceVersion_ReplacesSpecAndKeepsAllocations()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var change = created.Clone();
        change.Spec.Ports.Add(ServiceTestKit.Port("https", 443, 8443));
        change.Metadata.Labels["tier"] = "front";

        var updated = await UpdateAsync(change);

        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(created.Spec.ClusterIp, updated.Spec.ClusterIp);
        Assert.Equal([80, 443], updated.Spec.Ports.Select(p => p.Port));
        Assert.Equal("front", updated.Metadata.Labels["tier"]);
        Assert.Equal(updated, await _host.GetAsync("web"));
    }

    [Fact]
    public async Task UpdateService_StaleResourceVersion_AbortedWithConflict()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var first = created.Clone();
        first.Metadata.Labels["writer"] = "first";
        await UpdateAsync(first);
        var stale = created.Clone();
        stale.Metadata.Labels["writer"] = "second";

        var e = await RpcErrors.FailsWith(StatusCode.Aborted, () => UpdateAsync(stale));

        var info = e.AssertInfo("CONFLICT");
        Assert.Equal("Conflict", info.Metadata["kubernetes_reason"]);
        Assert.Contains("the object has been modified", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("first", (await _host.ReadDirectAsync("web")).Metadata.Labels["writer"]);
    }

    [Fact]
    public async Task UpdateService_NoResourceVersion_UnconditionalUpdate()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var change = created.Clone();
        change.Metadata.ResourceVersion = "";
        change.Spec.Selector["app"] = "other";

        var updated = await UpdateAsync(change);

        Assert.Equal("other", updated.Spec.Selector["app"]);
    }

    [Fact]
    public async Task UpdateService_WithStatus_StatusIgnored()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var change = created.Clone();
        change.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "203.0.113.1" } } } };

        var updated = await UpdateAsync(change);

        Assert.Empty(updated.Status?.LoadBalancer?.Ingress ?? []);
        Assert.Null((await _host.ReadDirectAsync("web")).Status?.LoadBalancer?.Ingress);
    }

    [Fact]
    public async Task UpdateService_ChangeClusterIp_InvalidArgumentImmutable()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var change = created.Clone();
        change.Spec.ClusterIp = "10.96.200.200";
        change.Spec.ClusterIps.Clear();
        change.Spec.ClusterIps.Add("10.96.200.200");

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => UpdateAsync(change));

        e.AssertInfo("INVALID");
        Assert.Contains(e.Violations().FieldViolations, v => v.Field == "spec.clusterIPs[0]" && v.Description.Contains("may not change once set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateService_DryRun_StoresNothing()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var change = created.Clone();
        change.Metadata.Labels["tier"] = "dry";

        var updated = await UpdateAsync(change, dryRun: true);

        Assert.Equal("dry", updated.Metadata.Labels["tier"]);
        var direct = await _host.ReadDirectAsync("web");
        Assert.False(direct.Metadata.Labels.ContainsKey("tier"));
        Assert.Equal(created.Metadata.ResourceVersion, direct.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateService_MissingWithoutResourceVersion_CreatesItAsKubernetesDoes()
    {
        // Services allow create on update (kube-apiserver's service strategy), and KubeRpc does not second-guess it.
        var created = await UpdateAsync(ServiceTestKit.ClusterIp("fresh"));

        Assert.NotEmpty(created.Metadata.Uid);
        Assert.NotEmpty(created.Spec.ClusterIp);
        Assert.True(await _host.ExistsDirectAsync("fresh"));
    }
}
