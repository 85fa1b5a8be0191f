using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using KubeRpc.V1;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Client;

/// <summary>
/// The <c>kuberpc</c> scheme for Grpc.Net.Client: a channel to <c>kuberpc:///web.shop:grpc</c> balances over the
/// endpoints of Service <c>web</c> in namespace <c>shop</c>, port <c>grpc</c> (<see cref="KubeRpcTarget"/>), as KubeRpc's
/// WatchServiceEndpoints reports them. Register it with <c>AddKubeRpcResolver</c>, or without a container through
/// <see cref="KubeRpcResolverServices.Create"/>.
/// </summary>
/// <remarks>
/// Every target of one factory watches through one channel to KubeRpc (one HTTP/2 connection, a stream per target),
/// made at the first target and disposed with the factory. A target that is not of the form makes
/// <c>GrpcChannel.ForAddress</c> throw a <see cref="FormatException"/> that says what is wrong with it.
/// </remarks>
public sealed class KubeRpcResolverFactory : ResolverFactory, IDisposable
{
    private readonly KubeRpcResolverOptions _options;
    private readonly Lazy<GrpcChannel> _kubeRpc;

    /// <summary>A factory for channels that reach KubeRpc as <paramref name="options"/> say.</summary>
    public KubeRpcResolverFactory(KubeRpcResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _kubeRpc = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(options.Address!, options.ChannelOptions ?? new GrpcChannelOptions()));
    }

    /// <inheritdoc />
    public override string Name => KubeRpcTarget.Scheme;

    /// <inheritdoc />
    public override Resolver Create(ResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var target = KubeRpcTarget.Parse(options.Address);
        return new KubeRpcResolver(target, new ServiceManager.ServiceManagerClient(_kubeRpc.Value), _options,
            options.LoggerFactory.CreateLogger<KubeRpcResolver>());
    }

    /// <summary>Closes the channel to KubeRpc (the open watches end with it).</summary>
    public void Dispose()
    {
        if (_kubeRpc.IsValueCreated)
        {
            _kubeRpc.Value.Dispose();
        }
    }
}
