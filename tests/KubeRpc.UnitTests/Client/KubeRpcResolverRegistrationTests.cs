using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using KubeRpc.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.UnitTests.Client;

/// <summary>AddKubeRpcResolver and the container-free provider: what they register, and options refused at once.</summary>
public sealed class KubeRpcResolverRegistrationTests
{
    [Fact]
    public async Task AddKubeRpcResolver_RegistersTheKuberpcScheme()
    {
        await using var services = new ServiceCollection()
            .AddKubeRpcResolver(options => options.Address = new Uri("http://127.0.0.1:50051"))
            .BuildServiceProvider();

        var factory = Assert.Single(services.GetServices<ResolverFactory>());
        Assert.IsType<KubeRpcResolverFactory>(factory);
        Assert.Equal("kuberpc", factory.Name);
    }

    [Fact]
    public async Task Channel_BadTarget_FormatExceptionFromForAddress()
    {
        await using var services = KubeRpcResolverServices.Create(options => options.Address = new Uri("http://127.0.0.1:50051"));

        var e = Assert.Throws<FormatException>(() => GrpcChannel.ForAddress("kuberpc:///web:grpc",
            new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure, ServiceProvider = services }));

        Assert.Equal("\"kuberpc:///web:grpc\" is not a KubeRpc target (kuberpc:///<service>.<namespace>[:<port name or number>]): \"web\" names no namespace", e.Message);
    }

    [Theory]
    [InlineData(null, "KubeRpcResolverOptions.Address must be KubeRpc's http:// or https:// address, e.g. http://kuberpc.kuberpc.svc:50051; it is unset")]
    [InlineData("dns:///kuberpc:50051", "KubeRpcResolverOptions.Address must be KubeRpc's http:// or https:// address, e.g. http://kuberpc.kuberpc.svc:50051; it is \"dns:///kuberpc:50051\"")]
    public void BadAddress_RefusedAtRegistration(string? address, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddKubeRpcResolver(options => options.Address = address is null ? null : new Uri(address)));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ReconnectDelays_OutOfOrder_RefusedAtRegistration()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KubeRpcResolverServices.Create(options =>
        {
            options.Address = new Uri("http://127.0.0.1:50051");
            options.InitialReconnectDelay = TimeSpan.FromSeconds(20);
        }));

        Assert.Equal("KubeRpcResolverOptions: InitialReconnectDelay (00:00:20) must be positive and at most MaxReconnectDelay (00:00:10)", e.Message);
    }
}
