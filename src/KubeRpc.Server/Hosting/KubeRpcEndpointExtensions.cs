namespace KubeRpc.Server.Hosting;

/// <summary>Maps gRPC services, health, reflection and the management routes.</summary>
public static class KubeRpcEndpointExtensions
{
    public static WebApplication MapKubeRpc(this WebApplication app)
    {
        app.UseMiddleware<Grpc.Limits.MessageSizeGate>();
        app.MapGrpcService<Grpc.ServiceManagerService>();
        app.MapGrpcService<Grpc.IngressManagerService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz");
        app.MapPrometheusScrapingEndpoint("/metrics");
        _ = app.Services.GetRequiredService<Diagnostics.CacheMetrics>();
        return app;
    }
}
