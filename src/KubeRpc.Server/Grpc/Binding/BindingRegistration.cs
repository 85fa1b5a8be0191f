using Grpc.AspNetCore.Server.Model;
using Grpc.Health.V1;
using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>One manager per kind with its hand-made binding, and reflection over every manager's proto descriptor.</summary>
internal static class BindingRegistration
{
    public static IServiceCollection AddKubeRpcGrpcBindings(this IServiceCollection services)
    {
        services.AddManager<ServiceManagerService, ServiceManagerMethods>(ServiceManager.Descriptor);
        services.AddManager<IngressManagerService, IngressManagerMethods>(IngressManager.Descriptor);
        // Reflection finds descriptors through generated base classes, which the managers do not derive from: name them
        // here (before AddGrpcReflection, whose registration then stands aside).
        services.TryAddSingleton(provider => new ReflectionServiceImpl(
            [.. provider.GetServices<GrpcManager>().Select(m => m.Descriptor), Health.Descriptor, ServerReflection.Descriptor]));
        return services;
    }

    /// <summary>Maps every manager's endpoints.</summary>
    public static void MapKubeRpcManagers(this IEndpointRouteBuilder endpoints)
    {
        foreach (var manager in endpoints.ServiceProvider.GetServices<GrpcManager>())
        {
            manager.Map(endpoints);
        }
    }

    private static void AddManager<TService, TMethods>(this IServiceCollection services, ProtoService descriptor)
        where TService : class
        where TMethods : class, IServiceMethodProvider<TService>
    {
        // The managers are stateless: one each, instead of Grpc.AspNetCore's default of one per call.
        services.AddSingleton<TService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<TService>, TMethods>());
        services.AddSingleton(new GrpcManager(descriptor, static endpoints => endpoints.MapGrpcService<TService>()));
    }

    /// <summary>A manager's proto service and how its endpoints are mapped.</summary>
    private sealed record GrpcManager(ProtoService Descriptor, Action<IEndpointRouteBuilder> Map);
}
