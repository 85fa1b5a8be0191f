using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Resources;

namespace KubeRpc.Server.Caching;

/// <summary>core/v1 Services of one namespace or of all, through KubernetesClient.</summary>
internal sealed class ServiceListerWatcher(IKubernetes client, string? @namespace) : IListerWatcher<V1Service>
{
    public string? Namespace { get; } = string.IsNullOrEmpty(@namespace) ? null : @namespace;

    public async Task<ModelPage<V1Service>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken)
    {
        // Named arguments throughout: the two List methods order their parameters differently.
        var list = Namespace is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: continueToken, limit: limit,
                cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedServiceAsync(Namespace, continueParameter: continueToken, limit: limit,
                cancellationToken: cancellationToken);
        return new ModelPage<V1Service>(list.Items ?? [], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    public IAsyncEnumerable<(WatchEventType Type, V1Service Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, CancellationToken cancellationToken) => Namespace is null
        ? client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
        : client.CoreV1.WatchListNamespacedServiceAsync(Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
}
