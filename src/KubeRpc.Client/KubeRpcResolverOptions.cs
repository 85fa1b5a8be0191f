using Grpc.Core;
using Grpc.Net.Client;

namespace KubeRpc.Client;

/// <summary>How the <c>kuberpc</c> resolver reaches KubeRpc, and how it retries.</summary>
public sealed class KubeRpcResolverOptions
{
    /// <summary>KubeRpc's gRPC address, e.g. <c>http://kuberpc.kuberpc.svc:50051</c> (h2c) or an https:// one. Required.</summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// Options of the resolver's own channel to KubeRpc, shared by every target of one registration: an
    /// <see cref="GrpcChannelOptions.HttpHandler"/> (a client certificate, a proxy), <see cref="GrpcChannelOptions.Credentials"/>,
    /// a logger factory. Null: the defaults.
    /// </summary>
    public GrpcChannelOptions? ChannelOptions { get; set; }

    /// <summary>
    /// Gives a bearer token (a service-account token KubeRpc's TokenReview accepts, with <c>Auth:Mode=Kubernetes</c>) for
    /// each watch the resolver opens; it is sent as <c>authorization: Bearer …</c> metadata, so it works over h2c too.
    /// Called again on every reconnect, so a token read from a projected volume file is picked up when the kubelet renews it.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? BearerToken { get; set; }

    /// <summary>
    /// Call credentials for each watch, under gRPC's rules: over https://, or over h2c with
    /// <see cref="GrpcChannelOptions.UnsafeUseInsecureChannelCallCredentials"/> in <see cref="ChannelOptions"/>.
    /// </summary>
    public CallCredentials? CallCredentials { get; set; }

    /// <summary>The first wait before watching again after the watch failed; doubled (with jitter) per failure in a row.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between attempts to watch.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when the options cannot work, naming the option.</summary>
    internal void Validate()
    {
        if (Address is null || !Address.IsAbsoluteUri || Address.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"{nameof(KubeRpcResolverOptions)}.{nameof(Address)} must be KubeRpc's http:// or https:// address, e.g. http://kuberpc.kuberpc.svc:50051; it is {(Address is null ? "unset" : $"\"{Address}\"")}");
        }
        if (InitialReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < InitialReconnectDelay)
        {
            throw new InvalidOperationException(
                $"{nameof(KubeRpcResolverOptions)}: {nameof(InitialReconnectDelay)} ({InitialReconnectDelay}) must be positive and at most {nameof(MaxReconnectDelay)} ({MaxReconnectDelay})");
        }
    }
}
