using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Access;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// Auth:Mode Kubernetes: a Service's endpoints are its EndpointSlices too, so resolving them needs get on the Service and
/// list and watch on endpointslices.discovery.k8s.io in its namespace (watching them: watch on the Service), and a watch
/// ends once any of these is taken away.
/// </summary>
public sealed class EndpointsAccessTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private ClusterAccess _access = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        _access = new ClusterAccess(_host.Kubernetes);
        await _access.EnsureNamespaceAsync("team-a");
        await _host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, "team-a").DefaultTimeout();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ServicesOnly_ResolveRefusedNamingEndpointSlices()
    {
        var token = await _access.ServiceAccountTokenAsync("services-only");
        await _access.GrantAsync("services-only", "team-a", ["get", "watch"], ["services"]);

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = "team-a", Name = "web" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.Equal("endpointslices.discovery.k8s.io is forbidden: User \"system:serviceaccount:default:services-only\" cannot list " +
            "resource \"endpointslices\" in API group \"discovery.k8s.io\" in the namespace \"team-a\"", e.Status.Detail);
        Assert.Equal("EndpointSlice", e.Info().Metadata["kind"]);
    }

    [Fact]
    public async Task SlicesOnly_ResolveRefusedNamingTheService()
    {
        var token = await _access.ServiceAccountTokenAsync("slices-only");
        await _access.GrantAsync("slices-only", "team-a", ["list", "watch"], ["endpointslices"], "discovery.k8s.io");

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = "team-a", Name = "web" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.StartsWith("services \"web\" is forbidden: User \"system:serviceaccount:default:slices-only\" cannot get resource \"services\"",
            e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothGranted_ResolveAndWatch_ThenSliceAccessRevoked_WatchEnds()
    {
        var token = await _access.ServiceAccountTokenAsync("resolver");
        await _access.GrantAsync("resolver", "team-a", ["get", "watch"], ["services"]);
        var slices = await _access.GrantAsync("resolver", "team-a", ["list", "watch"], ["endpointslices"], "discovery.k8s.io");

        var resolved = await _host.Services.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = "team-a", Name = "web" }, Bearer(token)).ResponseAsync.DefaultTimeout();
        Assert.Equal("web.team-a.svc.cluster.local", resolved.DnsName);
        using var watch = EndpointsWatch.Start(_host.Services, new WatchServiceEndpointsRequest { Namespace = "team-a", Name = "web" }, Bearer(token));
        var initial = await watch.NextAsync();
        Assert.Equal(ServiceEndpointsEventType.Initial, initial.Type);

        await _access.RevokeAsync(slices, "team-a");
        var ended = await watch.EndAsync();

        Assert.Equal(StatusCode.PermissionDenied, ended.StatusCode);
        Assert.Equal("ACCESS_REVOKED", ended.Info().Reason);
        Assert.Equal(initial.ResourceVersion, ended.Info().Metadata["resource_version"]);
    }
}
