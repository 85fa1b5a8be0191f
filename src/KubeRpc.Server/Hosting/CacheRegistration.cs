using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>One informer per cached kind, run as hosted services, and the cached reads the RPCs use.</summary>
internal static class CacheRegistration
{
    public static void AddKubeRpcCaches(this IServiceCollection services)
    {
        services.AddOptions<InformerOptions>().BindConfiguration(InformerOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InformerOptions>, InformerOptionsValidation>();
        services.AddSingleton(provider => ResourceInformers.ForServices(provider.GetRequiredService<IResourceApi<V1Service>>(),
            provider.GetRequiredService<IOptions<InformerOptions>>().Value, TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Cache.Services")));
        services.AddSingleton(provider => ResourceInformers.ForIngresses(provider.GetRequiredService<IResourceApi<V1Ingress>>(),
            provider.GetRequiredService<IOptions<InformerOptions>>().Value, TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Cache.Ingresses")));
        services.AddSingleton<Diagnostics.CacheMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<ResourceInformer<Service, V1Service>>());
        services.AddHostedService(provider => provider.GetRequiredService<ResourceInformer<Ingress, V1Ingress>>());
        // The page snapshots' retention clock; tests replace it to let a snapshot go without waiting.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new CachedReads<Service, V1Service>(provider.GetRequiredService<ResourceInformer<Service, V1Service>>(),
            SelectableFields.Service, s => s.Decode().Metadata?.Uid, provider.GetRequiredService<IOptions<InformerOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new CachedReads<Ingress, V1Ingress>(provider.GetRequiredService<ResourceInformer<Ingress, V1Ingress>>(),
            SelectableFields.MetadataOnly, i => i.Decode().Metadata?.Uid, provider.GetRequiredService<IOptions<InformerOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
    }

    private sealed class InformerOptionsValidation : IValidateOptions<InformerOptions>
    {
        public ValidateOptionsResult Validate(string? name, InformerOptions options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
