using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>DeleteServiceCollection: only the Services matching the selectors go, and they are returned.</summary>
public sealed class ServiceDeleteCollectionTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        await _host.CreateNamespaceAsync("shop");
        foreach (var (name, tier) in new[] { ("cart", "front"), ("checkout", "front"), ("db", "data"), ("cache", "data") })
        {
            var service = ServiceTestKit.ClusterIp(name, "shop");
            service.Metadata.Labels["tier"] = tier;
            await _host.CreateAsync(service);
        }
        await _host.CreateAsync(WithTier(ServiceTestKit.ClusterIp("cart"), "front"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Service WithTier(Service service, string tier)
    {
        service.Metadata.Labels["tier"] = tier;
        return service;
    }

    private async Task<IReadOnlyList<string>> NamesDirectAsync(string ns)
    {
        var list = await _host.Kubernetes.CoreV1.ListNamespacedServiceAsync(ns).DefaultTimeout();
        return [.. list.Items.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task DeleteServiceCollection_LabelSelector_DeletesAndReturnsOnlyMatches()
    {
        var response = await _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
        {
            Namespace = "shop",
            LabelSelector = "tier=front",
        }).Bounded();

        Assert.Equal(["cart", "checkout"], response.Services.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(response.Services, s => Assert.NotEmpty(s.Metadata.Uid));
        Assert.Equal(["cache", "db"], await NamesDirectAsync("shop"));
        Assert.True(await _host.ExistsDirectAsync("cart"), "another namespace's match must stay");
    }

    [Fact]
    public async Task DeleteServiceCollection_FieldSelector_DeletesOnlyThatName()
    {
        var response = await _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
        {
            Namespace = "shop",
            FieldSelector = "metadata.name=db",
        }).Bounded();

        Assert.Equal("db", Assert.Single(response.Services).Metadata.Name);
        Assert.Equal(["cache", "cart", "checkout"], await NamesDirectAsync("shop"));
    }

    [Fact]
    public async Task DeleteServiceCollection_NoMatch_ReturnsEmptyAndKeepsAll()
    {
        var response = await _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
        {
            Namespace = "shop",
            LabelSelector = "tier=none",
        }).Bounded();

        Assert.Empty(response.Services);
        Assert.Equal(4, (await NamesDirectAsync("shop")).Count);
    }

    [Fact]
    public async Task DeleteServiceCollection_DryRun_ReturnsMatchesButDeletesNothing()
    {
        var response = await _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
        {
            Namespace = "shop",
            LabelSelector = "tier=data",
            DryRun = true,
        }).Bounded();

        Assert.Equal(["cache", "db"], response.Services.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(4, (await NamesDirectAsync("shop")).Count);
    }

    [Fact]
    public async Task DeleteServiceCollection_MissingNamespace_InvalidArgument()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest { LabelSelector = "tier=front" }).ResponseAsync);

        e.AssertInfo("INVALID_REQUEST");
        Assert.Contains(e.Violations().FieldViolations, v => v.Field == "namespace");
        Assert.Equal(4, (await NamesDirectAsync("shop")).Count);
    }

    [Fact]
    public async Task DeleteServiceCollection_ClusterUnavailable_UnavailableWithRetryInfoAndNothingDeleted()
    {
        _host.Emulator.Faults.FailNextRequests(1, 503, 2);

        var e = await RpcErrors.FailsWith(StatusCode.Unavailable, () => _host.Services.DeleteServiceCollectionAsync(
            new DeleteServiceCollectionRequest { Namespace = "shop", LabelSelector = "tier=front" }).ResponseAsync);

        e.AssertInfo("KUBERNETES_UNAVAILABLE");
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryDelay());
        Assert.Equal(4, (await NamesDirectAsync("shop")).Count);
    }

    [Fact]
    public async Task DeleteServiceCollection_UnsupportedFieldSelector_InvalidArgumentFromKubernetes()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Services.DeleteServiceCollectionAsync(
            new DeleteServiceCollectionRequest { Namespace = "shop", FieldSelector = "spec.selector=x" }).ResponseAsync);

        e.AssertInfo("BAD_REQUEST");
        Assert.Equal("field label not supported: spec.selector", e.Status.Detail);
        Assert.Equal(4, (await NamesDirectAsync("shop")).Count);
    }
}
