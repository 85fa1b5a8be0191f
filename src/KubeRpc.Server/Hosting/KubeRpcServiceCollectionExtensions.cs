using KubeRpc.Server.Grpc.Binding;
using KubeRpc.Server.Kinds;
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
        var emulator = plan.Mode == ClusterMode.Embedded
            ? (builder.Configuration.GetSection(EmulatorSettings.SectionName).Get<EmulatorSettings>() ?? new()).Validated()
            : new EmulatorSettings();
        services.AddSingleton(provider => new EmbeddedCluster(plan, provider.GetRequiredService<TimeProvider>(), emulator));
        services.AddSingleton(provider => ClusterConnection.Open(plan,
            provider.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Cluster"),
            provider.GetRequiredService<EmbeddedCluster>().CreateHandler()));
        services.AddSingleton(provider => provider.GetRequiredService<ClusterConnection>().Client);
        // Over the registered client, so a host can stand another cluster in for the connection's (the benchmarks' feed).
        services.AddSingleton(provider => new ApiTransport(provider.GetRequiredService<k8s.IKubernetes>(),
            provider.GetRequiredService<IOptions<KubernetesOptions>>().Value.RequestTimeout));
        services.AddHostedService<EmbeddedApiServer>();
        services.AddKubeRpcCaches();
        services.AddKubeRpcWatches();
        // Each kind KubeRpc serves, described once (Kinds/).
        services.AddKind(ServiceKind.Descriptor);
        services.AddKind(IngressKind.Descriptor);
        services.AddKubeRpcEndpoints();

        builder.AddKubeRpcGrpc();
        builder.AddKubeRpcAccess();
        services.AddKubeRpcGrpcBindings();
        services.AddGrpcReflection();
        // One instance (AddCheck would make one per probe), so it remembers the state it last logged.
        services.AddSingleton<CacheSyncHealthCheck>();
        services.AddGrpcHealthChecks().AddCheck<CacheSyncHealthCheck>("caches");
        // The health check service logs an error for every probe that finds the caches still syncing or the host stopping,
        // both expected states; CacheSyncHealthCheck logs each change of state once instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);

        builder.ConfigureKestrelEndpoints();
        builder.AddKubeRpcTelemetry();
        return builder;
    }
}
