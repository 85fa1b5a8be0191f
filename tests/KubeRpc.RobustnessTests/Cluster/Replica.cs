using Grpc.Core;
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
/// proxy), gRPC on a real socket on 127.0.0.1; started once its caches have synced (readiness SERVING). It can be
/// restarted on the same address, as a rolling update replaces a Pod behind a Service: its streams end SHUTTING_DOWN,
/// calls meanwhile find nothing listening, and the new process starts with a new cache.
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly string _kubeconfig;
    private readonly IDictionary<string, string?> _settings;
    private readonly string _address;
    private WebApplication _app;
    private int _generation;

    private Replica(string name, WebApplication app, string address, string kubeconfig, IDictionary<string, string?> settings)
    {
        Name = name;
        _app = app;
        _address = address;
        _kubeconfig = kubeconfig;
        _settings = settings;
        Channel = GrpcChannel.ForAddress(address);
        Services = new ServiceManager.ServiceManagerClient(Channel);
    }

    public string Name { get; }

    public GrpcChannel Channel { get; }

    public ServiceManager.ServiceManagerClient Services { get; }

    /// <summary>Moves on when a restart begins and again when it ends: odd while the replica is down.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public static async Task<Replica> StartAsync(string name, string kubeconfig, IDictionary<string, string?> settings)
    {
        var app = await StartAppAsync(kubeconfig, settings, "http://127.0.0.1:0");
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var replica = new Replica(name, app, address, kubeconfig, settings);
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

    /// <summary>Stops this replica's process and starts a new one on the same address; returns once it serves.</summary>
    public async Task RestartAsync()
    {
        Interlocked.Increment(ref _generation);
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = await StartAppAsync(_kubeconfig, _settings, _address);
        await UntilServingAsync(TimeSpan.FromSeconds(20));
        Interlocked.Increment(ref _generation);
    }

    private static async Task<WebApplication> StartAppAsync(string kubeconfig, IDictionary<string, string?> settings, string url)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "KubeConfig",
            ["Kubernetes:KubeConfigPath"] = kubeconfig,
            ["Server:GrpcUrl"] = url,
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
        return app;
    }

    private async Task UntilServingAsync(TimeSpan timeout)
    {
        var health = new Health.HealthClient(Channel);
        using var giveUp = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                var answer = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: giveUp.Token);
                if (answer.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !giveUp.IsCancellationRequested)
            {
                // After a restart the channel reconnects to the new process.
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
