using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Endpoints;
using KubeRpc.Server.Grpc;
using KubeRpc.Server.Grpc.Endpoints;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Watching;
using KubeRpc.V1;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Service endpoints: the EndpointSlice informer, its join with the Service informer (<see cref="ServiceEndpointsIndex"/>,
/// whose streams end with the others at shutdown) and the RPCs that serve it.
/// </summary>
internal static class EndpointsRegistration
{
    public static void AddKubeRpcEndpoints(this IServiceCollection services)
    {
        services.AddOptions<EndpointsOptions>().BindConfiguration(EndpointsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EndpointsOptions>, EndpointsOptionsValidation>();
        services.AddInformer(EndpointSliceKind.Descriptor);
        services.AddSingleton(provider => new ServiceEndpointsIndex(
            provider.GetRequiredService<ResourceInformer<Service, V1Service>>().Subscribe,
            provider.GetRequiredService<ResourceInformer<ServiceEndpoints, V1EndpointSlice>>().Subscribe,
            new EndpointSetBuilder(provider.GetRequiredService<IOptions<EndpointsOptions>>().Value.ClusterDomain),
            provider.GetRequiredService<IOptions<WatchOptions>>().Value, TimeProvider.System));
        services.AddSingleton<IEventBroadcaster>(provider => provider.GetRequiredService<ServiceEndpointsIndex>());
        services.AddSingleton(provider => new ServiceEndpointsRpc(
            provider.GetRequiredService<ServiceEndpointsIndex>(),
            [provider.GetRequiredService<ResourceInformer<Service, V1Service>>(),
                provider.GetRequiredService<ResourceInformer<ServiceEndpoints, V1EndpointSlice>>()],
            provider.GetRequiredService<WatchLimiter>(),
            provider.GetRequiredService<IOptions<WatchOptions>>().Value,
            provider.GetRequiredService<IOptions<RequestLimits>>().Value));
    }

    private sealed class EndpointsOptionsValidation : IValidateOptions<EndpointsOptions>
    {
        public ValidateOptionsResult Validate(string? name, EndpointsOptions options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
