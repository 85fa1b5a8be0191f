using k8s;
using KubeRpc.Server.Hosting;
using KubeRpc.Server.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The KubeRpc server as Program.cs builds it, with its embedded cluster in process, on h2c at 127.0.0.1:<c>port</c>,
/// without logs or the management port: the host of the benchmarks that measure it over a real socket.
/// </summary>
internal static class EmbeddedKubeRpc
{
    /// <param name="settings">Configuration over these defaults.</param>
    public static async Task<WebApplication> StartAsync(int port, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Embedded",
            ["Kubernetes:Embedded:Url"] = "",
            ["Server:GrpcUrl"] = $"http://127.0.0.1:{port}",
            ["Server:ManagementUrl"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddKubeRpc();
        var app = builder.Build();
        app.MapKubeRpc();
        await app.StartAsync();
        return app;
    }

    /// <summary>A client of the embedded cluster (as the cluster's admin).</summary>
    public static IKubernetes Cluster(this WebApplication app) => app.Services.GetRequiredService<ClusterConnection>().Client;
}
