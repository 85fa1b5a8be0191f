using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Caching;

/// <summary>Builds a kind's informer, one source per <see cref="InformerOptions.Namespaces"/> (or one for all namespaces).</summary>
internal static class ResourceInformers
{
    public static ResourceInformer<TProto, TModel> Create<TProto, TModel>(ResourceKind<TProto, TModel> kind, IResourceApi<TModel> api,
        InformerOptions options, TimeProvider time, ILogger logger)
        where TProto : class, IMessage<TProto>
        where TModel : class, IKubernetesObject<V1ObjectMeta> =>
        new(Sources(options, api), new ResourceProjection<TProto, TModel>(kind), options, time, logger);

    private static IEnumerable<IListerWatcher<TModel>> Sources<TModel>(InformerOptions options, IResourceApi<TModel> api)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        var namespaces = options.Namespaces.Where(ns => !string.IsNullOrEmpty(ns)).Distinct(StringComparer.Ordinal).ToList();
        return namespaces.Count == 0
            ? [new ResourceListerWatcher<TModel>(api, null)]
            : namespaces.Select(ns => new ResourceListerWatcher<TModel>(api, ns));
    }
}
