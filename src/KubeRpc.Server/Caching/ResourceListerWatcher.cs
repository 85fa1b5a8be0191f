using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Caching;

/// <summary>A kind's objects of one namespace or of all, listed and watched through its <see cref="IResourceApi{TModel}"/>.</summary>
internal sealed class ResourceListerWatcher<TModel>(IResourceApi<TModel> api, string? @namespace) : IListerWatcher<TModel>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    public string? Namespace { get; } = string.IsNullOrEmpty(@namespace) ? null : @namespace;

    public Task<ModelPage<TModel>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken) =>
        api.ListAsync(Namespace, null, null, limit, continueToken, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, TModel Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, CancellationToken cancellationToken) =>
        api.WatchAsync(Namespace, resourceVersion, timeoutSeconds, onError, cancellationToken);
}
