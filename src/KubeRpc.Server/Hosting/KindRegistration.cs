using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Grpc.Watches;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Everything one kind needs, built from its <see cref="ResourceKind{TProto,TModel}"/>: its API client, its informer
/// (a hosted service), cached reads, its event broadcaster, and the reads, writes and watch its manager serves.
/// </summary>
internal static class KindRegistration
{
    public static IServiceCollection AddKind<TProto, TModel>(this IServiceCollection services, ResourceKind<TProto, TModel> kind)
        where TProto : class, IMessage<TProto>
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddInformer(kind);
        services.AddSingleton(provider => new CachedReads<TProto, TModel>(provider.GetRequiredService<ResourceInformer<TProto, TModel>>(), kind,
            provider.GetRequiredService<IOptions<InformerOptions>>().Value, provider.GetRequiredService<TimeProvider>()));

        services.AddSingleton(provider => new EventBroadcaster<TProto, EncodedMessage>(kind.Kind,
            provider.GetRequiredService<ResourceInformer<TProto, TModel>>().Subscribe,
            static (type, item, rv, end, batch) => new EncodedEvent(type, item, rv, end, batch),
            provider.GetRequiredService<IOptions<WatchOptions>>().Value, TimeProvider.System));
        services.AddSingleton<IEventBroadcaster>(provider => provider.GetRequiredService<EventBroadcaster<TProto, EncodedMessage>>());

        services.AddSingleton(provider =>
        {
            var api = provider.GetRequiredService<IResourceApi<TModel>>();
            var cache = provider.GetRequiredService<CachedReads<TProto, TModel>>();
            var limits = provider.GetRequiredService<IOptions<RequestLimits>>().Value;
            var logger = Logger(provider, kind, "Rpc");
            var boundary = new CallBoundary(kind.Kind, kind.Resource.ResourceType, logger);
            var watch = new WatchRpc<TProto, EncodedMessage>(provider.GetRequiredService<EventBroadcaster<TProto, EncodedMessage>>(),
                provider.GetRequiredService<WatchLimiter>(), provider.GetRequiredService<IOptions<WatchOptions>>().Value, kind.Resource,
                kind.Fields, provider.GetRequiredService<ResourceInformer<TProto, TModel>>().WaitForResourceVersionAsync, logger, limits);
            return new ResourceRpcs<TProto, TModel>(
                new ResourceReads<TProto, TModel>(kind, api, cache, boundary, limits),
                new ResourceWrites<TProto, TModel>(kind, api, new WriteAcknowledgement<TProto, TModel>(kind, cache), boundary, limits),
                watch);
        });
        return services;
    }

    /// <summary>A kind's API client and its informer (a hosted service, counted in readiness and the cache metrics).</summary>
    public static IServiceCollection AddInformer<TProto, TModel>(this IServiceCollection services, ResourceKind<TProto, TModel> kind)
        where TProto : class, IMessage<TProto>
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddSingleton(provider => kind.Client(provider.GetRequiredService<ApiTransport>()));
        services.AddSingleton(provider => ResourceInformers.Create(kind, provider.GetRequiredService<IResourceApi<TModel>>(),
            provider.GetRequiredService<IOptions<InformerOptions>>().Value, TimeProvider.System, Logger(provider, kind, "Cache")));
        services.AddSingleton<IInformerStatus>(provider => provider.GetRequiredService<ResourceInformer<TProto, TModel>>());
        services.AddHostedService(provider => provider.GetRequiredService<ResourceInformer<TProto, TModel>>());
        return services;
    }

    private static ILogger Logger<TProto, TModel>(IServiceProvider provider, ResourceKind<TProto, TModel> kind, string component)
        where TProto : class, IMessage<TProto>
        where TModel : class, IKubernetesObject<V1ObjectMeta> =>
        provider.GetRequiredService<ILoggerFactory>().CreateLogger(kind.LogCategory(component));
}
