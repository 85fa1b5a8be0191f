using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.Client;

/// <summary>The <c>kuberpc</c> resolver for callers without a dependency injection container.</summary>
public static class KubeRpcResolverServices
{
    /// <summary>
    /// A service provider holding only the <c>kuberpc</c> resolver, to set as <c>GrpcChannelOptions.ServiceProvider</c>.
    /// Dispose it after the channels that use it: that closes the resolver's channel to KubeRpc.
    /// </summary>
    public static ServiceProvider Create(Action<KubeRpcResolverOptions> configure) =>
        new ServiceCollection().AddKubeRpcResolver(configure).BuildServiceProvider();
}
