using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Caching;

/// <summary>
/// The source a <see cref="Reflector{TModel}"/> lists and watches (client-go's <c>ListerWatcher</c>): one kind,
/// in all namespaces or in one.
/// </summary>
internal interface IListerWatcher<TModel> where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The namespace listed and watched; null for all namespaces.</summary>
    string? Namespace { get; }

    /// <summary>One page of a consistent list (no resourceVersion: the API server's current state).</summary>
    Task<ModelPage<TModel>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>
    /// A watch from <paramref name="resourceVersion"/> with bookmarks allowed and a server-side timeout.
    /// <paramref name="onError"/> receives the ERROR events KubernetesClient does not yield (410 Expired among them)
    /// and undecodable lines; the reflector rethrows them so they end the enumeration.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, TModel Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, CancellationToken cancellationToken);
}
