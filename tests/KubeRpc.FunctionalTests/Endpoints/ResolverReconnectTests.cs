using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using k8s;
using KubeRpc.Client;
using KubeRpc.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// KubeRpc out of reach: the channel keeps calling the Pods it knows; once KubeRpc is back, the resolver's watch resumes
/// and brings the changes made meanwhile.
/// </summary>
[Collection(PodBackendsCollection.Name)]
public sealed class ResolverReconnectTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private WebService _web = null!;
    private CuttableRelay _relay = null!;
    private ServiceProvider _resolver = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" }).DefaultTimeout();
        _web = await WebService.CreateAsync(_host.Kubernetes);
        await _web.AddAsync("web-1");
        await _web.AddAsync("web-2");
        _relay = new CuttableRelay(new Uri(_host.Address!).Port);
        _resolver = KubeRpcResolverServices.Create(options => options.Address = new Uri($"http://127.0.0.1:{_relay.Port}"));
        _channel = GrpcChannel.ForAddress("kuberpc:///web.shop:grpc", new GrpcChannelOptions
        {
            Credentials = Grpc.Core.ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = _resolver,
        });
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_resolver is not null)
        {
            await _resolver.DisposeAsync();
        }
        _relay?.Dispose();
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
    public async Task KubeRpcOutOfReach_CallsGoOn_ThenTheWatchResumesWithTheNewPod()
    {
        var client = new Health.HealthClient(_channel);
        await client.UntilEachAnswersAsync("web-1", "web-2");

        _relay.CutAndHold();
        await _web.AddAsync("web-3");
        await Polling.UntilAsync(async () => (await _host.Kubernetes.DiscoveryV1.ListNamespacedEndpointSliceAsync(WebService.Namespace,
                labelSelector: "kubernetes.io/service-name=web").DefaultTimeout()).Items.Sum(s => s.Endpoints?.Count ?? 0) == 3,
            () => "the EndpointSlice controller to publish web-3");

        var meanwhile = await client.WhoAnswersAsync(20);
        Assert.Equal(20, meanwhile.Count(a => a is "web-1" or "web-2"));

        // The old watch was reset with the path, so only a new one can bring web-3.
        _relay.Release();

        await client.UntilEachAnswersAsync("web-3");
    }
}
