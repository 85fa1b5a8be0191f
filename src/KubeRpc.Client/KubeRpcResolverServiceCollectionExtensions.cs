using Grpc.Net.Client.Balancer;
using KubeRpc.Client;

// In the container's namespace, as the framework's own Add… methods are, so no extra using is needed to find it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>kuberpc</c> resolver, for channels whose <c>GrpcChannelOptions.ServiceProvider</c> is the container.</summary>
public static class KubeRpcResolverServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>kuberpc</c> <see cref="ResolverFactory"/> (a singleton, disposed with the container). Channels created
    /// with <c>GrpcChannelOptions.ServiceProvider</c> set to this container (as <c>AddGrpcClient</c> does) then accept
    /// <c>kuberpc:///&lt;service&gt;.&lt;namespace&gt;[:&lt;port&gt;]</c> addresses. The options are read and checked once, here.
    /// </summary>
    public static IServiceCollection AddKubeRpcResolver(this IServiceCollection services, Action<KubeRpcResolverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new KubeRpcResolverOptions();
        configure(options);
        var factory = new KubeRpcResolverFactory(options);
        // Through a factory delegate, so the container owns the instance and disposes it (and its channel to KubeRpc).
        return services.AddSingleton<ResolverFactory>(_ => factory);
    }
}
