using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Resources;

namespace KubeRpc.Server.Caching;

/// <summary>networking.k8s.io/v1 Ingresses of one namespace or of all, through KubernetesClient.</summary>
internal sealed class IngressListerWatcher(IKubernetes client, string? @namespace) : IListerWatcher<V1Ingress>
{
    public string? Namespace { get; } = string.IsNullOrEmpty(@namespace) ? null : @namespace;

    public async Task<ModelPage<V1Ingress>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken)
    {
        // Named arguments throughout: the two List methods order their parameters differently.
        var list = Namespace is null
            ? await client.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: continueToken, limit: limit,
                cancellationToken: cancellationToken)
            : await client.NetworkingV1.ListNamespacedIngressAsync(Namespace, continueParameter: continueToken, limit: limit,
                cancellationToken: cancellationToken);
        return new ModelPage<V1Ingress>(list.Items ?? [], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    public IAsyncEnumerable<(WatchEventType Type, V1Ingress Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, CancellationToken cancellationToken) => Namespace is null
        ? client.NetworkingV1.WatchListIngressForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
        : client.NetworkingV1.WatchListNamespacedIngressAsync(Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
}
