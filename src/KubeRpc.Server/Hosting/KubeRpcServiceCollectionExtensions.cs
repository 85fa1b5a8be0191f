using KubeRpc.Server.Grpc.Binding;
using KubeRpc.Server.Kubernetes;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>Registers KubeRpc's services: options, the cluster connection, gRPC, health, reflection, telemetry.</summary>
public static class KubeRpcServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKubeRpc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName).ValidateOnStart();
        // Read now, so a kubeconfig or setting that cannot be used stops the start with one line (Program) naming it.
        var plan = ClusterConnection.Plan(builder.Configuration.GetSection(KubernetesOptions.SectionName).Get<KubernetesOptions>() ?? new());
        services.AddSingleton(provider => ClusterConnection.Open(plan,
            provider.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Cluster")));
        services.AddSingleton(provider => provider.GetRequiredService<ClusterConnection>().Client);
        // Over the registered client, so a host can stand another cluster in for the connection's (the benchmarks' feed).
        services.AddSingleton(provider => new ApiTransport(provider.GetRequiredService<k8s.IKubernetes>(),
            provider.GetRequiredService<IOptions<KubernetesOptions>>().Value.RequestTimeout));
        services.AddSingleton(provider => ResourceApis.Services(provider.GetRequiredService<ApiTransport>()));
        services.AddSingleton(provider => ResourceApis.Ingresses(provider.GetRequiredService<ApiTransport>()));
        services.AddHostedService<EmbeddedApiServer>();
        services.AddKubeRpcCaches();
        services.AddKubeRpcWatches();

        builder.AddKubeRpcGrpc();
        services.AddKubeRpcGrpcBindings();
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<CacheSyncHealthCheck>("caches");

        builder.ConfigureKestrelEndpoints();
        builder.AddKubeRpcTelemetry();
        return builder;
    }
}
