using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using KubeRpc.Client;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// What Grpc.Net.Client does with a resolver's empty address list or failure while its balancer has a Ready connection:
/// nothing. It keeps the connection and goes on calling the backend. This is why the kuberpc resolver tells an empty
/// set as an unroutable address first (KubeRpc.Client's BalancerFeed); when this test fails, Grpc.Net.Client has
/// changed and that step can go. The second test shows that step working on the same channel.
/// </summary>
public sealed class EmptyResultWhileReadyTests
{
    public static TheoryData<string> Results => ["no addresses", "a failure"];

    [Theory]
    [MemberData(nameof(Results))]
    public async Task RoundRobin_KeepsItsConnectionAndCalls(string result)
    {
        await using var backend = await Backend.StartAsync("only", IPAddress.Loopback, FreePort());
        var (resolver, services, channel, client) = await ConnectedAsync(backend);
        await using var _ = services;
        using var __ = channel;

        resolver.Push(result == "a failure"
            ? ResolverResult.ForFailure(new Status(StatusCode.Unavailable, "gone"))
            : ResolverResult.ForResult([]));

        Assert.Equal(["only", "only", "only"], await client.WhoAnswersAsync(3));
        Assert.Equal(1, backend.OpenConnections);
    }

    [Fact]
    public async Task BalancerFeed_EmptySet_CallsFailUnavailable_NoneReachesTheBackend_ItsConnectionCloses()
    {
        await using var backend = await Backend.StartAsync("only", IPAddress.Loopback, FreePort());
        var (resolver, services, channel, client) = await ConnectedAsync(backend);
        await using var _ = services;
        using var __ = channel;
        var feed = new BalancerFeed(resolver.Listener);
        feed.Publish(EndpointSelection.Choose(new ServiceEndpoints
        {
            Exists = true,
            Ports = { new ServiceEndpointsPort { Name = "grpc", Port = 50051 } },
            Endpoints = { new ServiceEndpoint { Addresses = { "127.0.0.1" }, Ready = true, Ports = { new EndpointPort { Name = "grpc", Port = backend.Port } } } },
        }, Target), "push:///only");
        Assert.Equal("only", await client.WhoAnswersAsync());
        var served = backend.Calls;

        feed.Publish(EndpointSelection.Choose(new ServiceEndpoints { Exists = true, Ports = { new ServiceEndpointsPort { Name = "grpc", Port = 50051 } } }, Target), "push:///only");

        var e = await client.FailureAsync();
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("push:///only: Service shop/web has no endpoints for port \"grpc\"", e.Status.Detail);
        await Polling.UntilAsync(() => Task.FromResult(backend.OpenConnections == 0), () => "the idle connection to close");
        Assert.Equal(served, backend.Calls);
    }

    private static readonly KubeRpcTarget Target = KubeRpcTarget.Parse("kuberpc:///web.shop:grpc");

    /// <summary>A round_robin channel whose resolver the test drives, with one call through it answered by <paramref name="backend"/>.</summary>
    private static async Task<(PushResolver, ServiceProvider, GrpcChannel, Health.HealthClient)> ConnectedAsync(Backend backend)
    {
        var resolver = new PushResolver(new BalancerAddress("127.0.0.1", backend.Port));
        var services = new ServiceCollection().AddSingleton<ResolverFactory>(new PushResolverFactory(resolver)).BuildServiceProvider();
        var channel = GrpcChannel.ForAddress("push:///only", new GrpcChannelOptions
        {
            // A connection the balancer let go of stays in the HTTP pool until idle this long (a minute by default).
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) },
            Credentials = ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = services,
        });
        var client = new Health.HealthClient(channel);
        Assert.Equal("only", await client.WhoAnswersAsync());
        return (resolver, services, channel, client);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A resolver whose results the test pushes; it starts with <paramref name="initial"/>.</summary>
    private sealed class PushResolver(BalancerAddress initial) : Resolver
    {
        public Action<ResolverResult> Listener { get; private set; } = _ => throw new InvalidOperationException("not started");

        public override void Start(Action<ResolverResult> listener)
        {
            Listener = listener;
            listener(ResolverResult.ForResult([initial]));
        }

        public void Push(ResolverResult result) => Listener(result);
    }

    private sealed class PushResolverFactory(PushResolver resolver) : ResolverFactory
    {
        public override string Name => "push";

        public override Resolver Create(ResolverOptions options) => resolver;
    }
}
