using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>One event broadcaster per watched kind, the Watch RPCs over them, and their end at shutdown.</summary>
internal static class WatchRegistration
{
    public static void AddKubeRpcWatches(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidation>();
        // The shutdown grace period's clock; tests replace it to end the grace period without waiting it out.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new WatchLimiter(provider.GetRequiredService<IOptions<WatchOptions>>().Value.MaxSubscriptions));
        AddWatch<Service, V1Service>(services, new ResourceTarget("Service", "v1/services", null, null), "services", SelectableFields.Service);
        AddWatch<Ingress, V1Ingress>(services, new ResourceTarget("Ingress", "networking.k8s.io/v1/ingresses", null, null),
            "ingresses.networking.k8s.io", SelectableFields.MetadataOnly);
        services.AddHostedService<WatchLifetime>();
    }

    /// <summary>A kind's broadcaster over its informer, and its Watch RPC.</summary>
    private static void AddWatch<TProto, TModel>(IServiceCollection services, ResourceTarget kind, string groupResource, SelectableFields fields)
        where TProto : class, IMessage<TProto>
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddSingleton(provider => new EventBroadcaster<TProto, EncodedMessage>(kind.Kind,
            provider.GetRequiredService<ResourceInformer<TProto, TModel>>().Subscribe,
            static (type, item, rv, end) => new EncodedEvent(type, item, rv, end),
            provider.GetRequiredService<IOptions<WatchOptions>>().Value, TimeProvider.System));
        services.AddSingleton(provider => new WatchRpc<TProto, EncodedMessage>(
            provider.GetRequiredService<EventBroadcaster<TProto, EncodedMessage>>(), provider.GetRequiredService<WatchLimiter>(),
            provider.GetRequiredService<IOptions<WatchOptions>>().Value, kind, groupResource, fields,
            provider.GetRequiredService<ResourceInformer<TProto, TModel>>().WaitForResourceVersionAsync,
            provider.GetRequiredService<IOptions<Grpc.RequestLimits>>().Value));
    }

    /// <summary>Fails the start, naming the setting, when the watch options are invalid or outlast the host's shutdown timeout.</summary>
    private sealed class WatchOptionsValidation(IOptions<HostOptions> host) : IValidateOptions<WatchOptions>
    {
        public ValidateOptionsResult Validate(string? name, WatchOptions options) =>
            options.Errors(host.Value.ShutdownTimeout).ToList() is { Count: > 0 } errors
                ? ValidateOptionsResult.Fail(errors)
                : ValidateOptionsResult.Success;
    }
}
