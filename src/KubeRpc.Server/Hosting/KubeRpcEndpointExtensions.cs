using KubeRpc.Server.Grpc.Binding;
using KubeRpc.Server.Kubernetes;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>Maps gRPC services, health, reflection and the management routes.</summary>
public static class KubeRpcEndpointExtensions
{
    public static WebApplication MapKubeRpc(this WebApplication app)
    {
        // Every setting is judged before the host starts (which would log a failure with a stack trace): an invalid one
        // throws here, and Program prints its message as one line.
        _ = app.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Grpc.RequestLimits>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Watching.WatchOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Caching.InformerOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Access.AuthOptions>>().Value;
        app.LogAccessMode();
        app.UseMiddleware<Grpc.Limits.MessageSizeGate>();
        app.MapKubeRpcManagers();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz");
        app.MapPrometheusScrapingEndpoint("/metrics");
        _ = app.Services.GetRequiredService<Caching.CacheMetrics>();
        return app;
    }
}
