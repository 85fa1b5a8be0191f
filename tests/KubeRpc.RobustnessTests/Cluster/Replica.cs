using Grpc.Health.V1;
using Grpc.Net.Client;
using KubeRpc.Server.Hosting;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.RobustnessTests.Cluster;

/// <summary>
/// One KubeRpc replica as a Deployment runs it: KubeConfig mode against the shared API server (directly or through a
/// proxy), gRPC on a real socket on 127.0.0.1; started once its caches have synced (readiness SERVING).
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Replica(string name, WebApplication app, string address)
    {
        Name = name;
        _app = app;
        Channel = GrpcChannel.ForAddress(address);
        Services = new ServiceManager.ServiceManagerClient(Channel);
    }

    public string Name { get; }

    public GrpcChannel Channel { get; }

    public ServiceManager.ServiceManagerClient Services { get; }

    public static async Task<Replica> StartAsync(string name, string kubeconfig, IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "KubeConfig",
            ["Kubernetes:KubeConfigPath"] = kubeconfig,
            ["Server:GrpcUrl"] = "http://127.0.0.1:0",
            ["Server:ManagementUrl"] = "",
            ["Watch:ShutdownGracePeriod"] = "00:00:00",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Faults make every replica log warnings by the hundred; the history, not the log, is the evidence.
        builder.Logging.ClearProviders();
        builder.AddKubeRpc();
        var app = builder.Build();
        app.MapKubeRpc();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var replica = new Replica(name, app, address);
        try
        {
            await replica.UntilServingAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
        return replica;
    }

    private async Task UntilServingAsync(TimeSpan timeout)
    {
        var health = new Health.HealthClient(Channel);
        using var giveUp = new CancellationTokenSource(timeout);
        while (true)
        {
            var answer = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: giveUp.Token);
            if (answer.Status == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return;
            }
            await Task.Delay(50, giveUp.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
