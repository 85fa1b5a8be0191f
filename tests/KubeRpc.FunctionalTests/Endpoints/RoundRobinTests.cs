using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using KubeRpc.Client;
using KubeRpc.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// Client-side load balancing through KubeRpc: a Grpc.Net.Client channel to <c>kuberpc:///web.shop:grpc</c> with
/// round_robin, over real backends behind the Pods of Service shop/web on the embedded cluster, whose EndpointSlice
/// controller publishes their endpoints; the resolver watches them through KubeRpc on a real socket.
/// </summary>
[Collection(PodBackendsCollection.Name)]
public sealed class RoundRobinTests : IAsyncLifetime
{
    private static readonly string[] Pods = ["web-1", "web-2", "web-3"];

    private KubeRpcHost _host = null!;
    private WebService _web = null!;
    private ServiceProvider _resolver = null!;
    private GrpcChannel _channel = null!;
    private Health.HealthClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" }).DefaultTimeout();
        _web = await WebService.CreateAsync(_host.Kubernetes);
        foreach (var pod in Pods)
        {
            await _web.AddAsync(pod);
        }
        _resolver = KubeRpcResolverServices.Create(options => options.Address = new Uri(_host.Address!));
        _channel = GrpcChannel.ForAddress($"kuberpc:///{WebService.Name}.{WebService.Namespace}:{WebService.PortName}", new GrpcChannelOptions
        {
            // A connection the balancer let go of stays in the HTTP pool until idle this long (a minute by default).
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) },
            Credentials = ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = _resolver,
        });
        _client = new Health.HealthClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_resolver is not null)
        {
            await _resolver.DisposeAsync();
        }
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
    public async Task Calls_SpreadOverEveryReadyPod()
    {
        await _client.UntilEachAnswersAsync(Pods);

        var answers = await _client.WhoAnswersAsync(30);

        // round_robin over three ready connections: ten each; a little slack for a connection that was still settling.
        Assert.All(Pods, pod => Assert.InRange(answers.Count(a => a == pod), 5, 15));
        Assert.Equal(30, answers.Count(a => a is "web-1" or "web-2" or "web-3"));
    }

    [Fact]
    public async Task NewPod_GetsCalls()
    {
        await _client.UntilEachAnswersAsync(Pods);

        var added = await _web.AddAsync("web-4");

        await _client.UntilEachAnswersAsync("web-4");
        var before = added.Calls;
        var answers = await _client.WhoAnswersAsync(40);
        Assert.InRange(answers.Count(a => a == "web-4"), 5, 15);
        Assert.True(added.Calls > before);
    }

    [Fact]
    public async Task PodMarkedNotReady_GetsNoCalls_UntilReadyAgain()
    {
        await _client.UntilEachAnswersAsync(Pods);

        await _web.SetReadyAsync("web-2", ready: false);

        await _client.UntilNoneAnswersFromAsync("web-2");
        var served = _web.Backends["web-2"].Calls;
        var answers = await _client.WhoAnswersAsync(30);
        Assert.DoesNotContain("web-2", answers);
        Assert.Equal(served, _web.Backends["web-2"].Calls);
        Assert.Contains("web-1", answers);
        Assert.Contains("web-3", answers);

        await _web.SetReadyAsync("web-2", ready: true);

        await _client.UntilEachAnswersAsync("web-2");
    }

    [Fact]
    public async Task EveryPodDeleted_CallsFailFastUnavailable_NoConnectionLeftToABackend()
    {
        await _client.UntilEachAnswersAsync(Pods);
        Assert.All(_web.Backends.Values, b => Assert.True(b.OpenConnections > 0, $"{b.Name} has no connection"));

        foreach (var pod in _web.Backends.Keys)
        {
            await _web.DeleteAsync(pod);
        }

        // Calls fail at once rather than reach a backend: the balancer has shut every subchannel down.
        var served = _web.Backends.Values.Sum(b => b.Calls);
        RpcException? failure = null;
        await Polling.UntilAsync(async () =>
        {
            try
            {
                await _client.WhoAnswersAsync();
                served = _web.Backends.Values.Sum(b => b.Calls); // still going out while the Pods are being deleted
                return false;
            }
            catch (RpcException e)
            {
                failure = e;
                return true;
            }
        }, () => "calls to fail", TimeSpan.FromSeconds(20));
        Assert.True(failure!.StatusCode == StatusCode.Unavailable, $"expected UNAVAILABLE, got {failure.Status}");
        Assert.StartsWith("kuberpc:///web.shop:grpc: Service shop/web has", failure.Status.Detail, StringComparison.Ordinal);
        var started = Stopwatch.StartNew();
        var again = await _client.FailureAsync();
        Assert.Equal(StatusCode.Unavailable, again.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"the call took {started.Elapsed} to fail");

        // The backends still run (as containers in their grace period would), so only the client can close these: the
        // pool does once they are idle, and nothing connects again.
        await Polling.UntilAsync(() => Task.FromResult(_web.Backends.Values.All(b => b.OpenConnections == 0)),
            () => "the channel's connections to close: open " + string.Join(", ", _web.Backends.Values.Select(b => $"{b.Name} {b.OpenConnections}")),
            TimeSpan.FromSeconds(20));
        await _client.FailureAsync();
        Assert.Equal(served, _web.Backends.Values.Sum(b => b.Calls));
        Assert.All(_web.Backends.Values, b => Assert.Equal(0, b.OpenConnections));
    }
}
