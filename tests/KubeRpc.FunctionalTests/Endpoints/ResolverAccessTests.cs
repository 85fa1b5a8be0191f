using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using KubeRpc.Client;
using KubeRpc.FunctionalTests.Access;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// The kuberpc resolver against KubeRpc with Auth:Mode Kubernetes: its BearerToken is sent on the watch, and a watch
/// KubeRpc refuses reaches the channel as the calls' failure.
/// </summary>
[Collection(PodBackendsCollection.Name)]
public sealed class ResolverAccessTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private WebService _web = null!;
    private ClusterAccess _access = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Emulator:PodCidr"] = "127.0.0.0/24",
        }).DefaultTimeout();
        _access = new ClusterAccess(_host.Kubernetes);
        _web = await WebService.CreateAsync(_host.Kubernetes);
        await _web.AddAsync("web-1");
        await _web.AddAsync("web-2");
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Granted_TokenFromBearerToken_CallsReachThePods()
    {
        var token = await _access.ServiceAccountTokenAsync("caller");
        await _access.GrantAsync("caller", WebService.Namespace, ["watch"], ["services"]);
        await _access.GrantAsync("caller", WebService.Namespace, ["list", "watch"], ["endpointslices"], "discovery.k8s.io");
        var asked = 0;

        await using var resolver = KubeRpcResolverServices.Create(options =>
        {
            options.Address = new Uri(_host.Address!);
            options.BearerToken = _ =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult(token);
            };
        });
        using var channel = Channel(resolver);

        await new Health.HealthClient(channel).UntilEachAnswersAsync("web-1", "web-2");
        Assert.True(asked >= 1);
    }

    [Fact]
    public async Task WithoutAccessToEndpointSlices_CallsFailUnavailable_WithKubeRpcsRefusal()
    {
        var token = await _access.ServiceAccountTokenAsync("services-only");
        await _access.GrantAsync("services-only", WebService.Namespace, ["watch"], ["services"]);

        await using var resolver = KubeRpcResolverServices.Create(options =>
        {
            options.Address = new Uri(_host.Address!);
            options.BearerToken = _ => ValueTask.FromResult(token);
        });
        using var channel = Channel(resolver);
        var e = await new Health.HealthClient(channel).FailureAsync();

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("kuberpc:///web.shop:grpc: KubeRpc's WatchServiceEndpoints failed with PermissionDenied: " +
            "endpointslices.discovery.k8s.io is forbidden: User \"system:serviceaccount:default:services-only\" cannot list " +
            "resource \"endpointslices\" in API group \"discovery.k8s.io\" in the namespace \"shop\"", e.Status.Detail);
        Assert.All(_web.Backends.Values, b => Assert.Equal(0, b.Calls));
    }

    private static GrpcChannel Channel(IServiceProvider resolver) => GrpcChannel.ForAddress("kuberpc:///web.shop:grpc", new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Insecure,
        ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
        ServiceProvider = resolver,
    });
}
