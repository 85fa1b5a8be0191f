using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>Endpoints:ClusterDomain names the DNS names (a bad one stops the start); a namespace outside Cache:Namespaces is refused, not answered empty.</summary>
public sealed class EndpointsSettingsTests
{
    [Fact]
    public async Task ClusterDomain_InEveryDnsName()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Endpoints:ClusterDomain"] = "corp.example" })
            .DefaultTimeout();

        var set = await host.Services.ResolveServiceEndpointsAsync(new ResolveServiceEndpointsRequest { Namespace = "default", Name = "kubernetes" })
            .ResponseAsync.DefaultTimeout();

        Assert.Equal("kubernetes.default.svc.corp.example", set.DnsName);
    }

    [Fact]
    public async Task ClusterDomain_NotADnsSubdomain_StartFailsNamingTheSetting()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() =>
            KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Endpoints:ClusterDomain"] = "Bad_Domain" }));

        Assert.Contains("Endpoints:ClusterDomain: \"Bad_Domain\" is not a DNS subdomain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceNotCached_FailedPreconditionForResolveAndWatch()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Cache:Namespaces:0"] = "team-a" }).DefaultTimeout();

        var resolve = await RpcErrors.FailsWith(StatusCode.FailedPrecondition, () => host.Services.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = "team-b", Name = "web" }).ResponseAsync.DefaultTimeout());
        using var watch = EndpointsWatch.Start(host.Services, new WatchServiceEndpointsRequest { Namespace = "team-b", Name = "web" });
        var watched = await watch.EndAsync();

        Assert.Equal("NAMESPACE_NOT_CACHED", resolve.Info().Reason);
        Assert.Equal(StatusCode.FailedPrecondition, watched.StatusCode);
        var cached = await host.Services.ResolveServiceEndpointsAsync(new ResolveServiceEndpointsRequest { Namespace = "team-a", Name = "web" })
            .ResponseAsync.DefaultTimeout();
        Assert.False(cached.Exists);
    }
}
