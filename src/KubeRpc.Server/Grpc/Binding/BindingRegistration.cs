using Grpc.AspNetCore.Server.Model;
using Grpc.Health.V1;
using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>Registers the two managers, their hand-made bindings, and reflection over their proto descriptors.</summary>
internal static class BindingRegistration
{
    public static IServiceCollection AddKubeRpcGrpcBindings(this IServiceCollection services)
    {
        // The managers are stateless: one each, instead of Grpc.AspNetCore's default of one per call.
        services.AddSingleton<ServiceManagerService>();
        services.AddSingleton<IngressManagerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<ServiceManagerService>, ServiceManagerMethods>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<IngressManagerService>, IngressManagerMethods>());
        // Reflection finds descriptors through generated base classes, which the managers no longer derive from:
        // name them here (before AddGrpcReflection, whose registration then stands aside).
        services.TryAddSingleton(_ => new ReflectionServiceImpl(
            ServiceManager.Descriptor, IngressManager.Descriptor, Health.Descriptor, ServerReflection.Descriptor));
        return services;
    }
}
