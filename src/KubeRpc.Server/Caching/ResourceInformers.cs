using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Caching;

/// <summary>Builds the informers of the kinds KubeRpc caches, per <see cref="InformerOptions.Namespaces"/>.</summary>
internal static class ResourceInformers
{
    public static ResourceInformer<Service, V1Service> ForServices(IResourceApi<V1Service> api, InformerOptions options, TimeProvider time,
        ILogger logger) =>
        new(Sources(options, api), ResourceProjections.Services, options, time, logger);

    public static ResourceInformer<Ingress, V1Ingress> ForIngresses(IResourceApi<V1Ingress> api, InformerOptions options, TimeProvider time,
        ILogger logger) =>
        new(Sources(options, api), ResourceProjections.Ingresses, options, time, logger);

    private static IEnumerable<IListerWatcher<TModel>> Sources<TModel>(InformerOptions options, IResourceApi<TModel> api)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        var namespaces = options.Namespaces.Where(ns => !string.IsNullOrEmpty(ns)).Distinct(StringComparer.Ordinal).ToList();
        return namespaces.Count == 0
            ? [new ResourceListerWatcher<TModel>(api, null)]
            : namespaces.Select(ns => new ResourceListerWatcher<TModel>(api, ns));
    }
}
