using k8s;
using k8s.Models;
using KubeRpc.V1;

namespace KubeRpc.Server.Caching;

/// <summary>Builds the informers of the kinds KubeRpc caches, per <see cref="InformerOptions.Namespaces"/>.</summary>
internal static class ResourceInformers
{
    public static ResourceInformer<Service, V1Service> ForServices(IKubernetes client, InformerOptions options, TimeProvider time,
        ILogger logger) =>
        new(Sources(options, ns => new ServiceListerWatcher(client, ns)), ResourceProjections.Services, options, time, logger);

    public static ResourceInformer<Ingress, V1Ingress> ForIngresses(IKubernetes client, InformerOptions options, TimeProvider time,
        ILogger logger) =>
        new(Sources(options, ns => new IngressListerWatcher(client, ns)), ResourceProjections.Ingresses, options, time, logger);

    private static IEnumerable<IListerWatcher<TModel>> Sources<TModel>(InformerOptions options, Func<string?, IListerWatcher<TModel>> create)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        var namespaces = options.Namespaces.Where(ns => !string.IsNullOrEmpty(ns)).Distinct(StringComparer.Ordinal).ToList();
        return namespaces.Count == 0 ? [create(null)] : namespaces.Select(create);
    }
}
