using System.Diagnostics;
using Grpc.Net.Client;
using k8s;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Tests.Infrastructure;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Hosting;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>
/// The real KubeRpc server (the same AddKubeRpc/MapKubeRpc as Program.cs) on an in-memory TestServer, against its
/// embedded in-process cluster, reached through a real GrpcChannel.
/// </summary>
public sealed class KubeRpcHost : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly KubernetesEmulator? _emulator;
    private Task? _stopping;

    private KubeRpcHost(WebApplication app, string? socketAddress)
    {
        _app = app;
        Address = socketAddress;
        Channel = socketAddress is null
            ? GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() })
            : GrpcChannel.ForAddress(socketAddress);
        Services = new ServiceManager.ServiceManagerClient(Channel);
        Ingresses = new IngressManager.IngressManagerClient(Channel);
        _emulator = app.Services.GetRequiredService<EmbeddedCluster>().Emulator;
        Kubernetes = _emulator?.CreateClient() ?? app.Services.GetRequiredService<ClusterConnection>().Client;
    }

    public GrpcChannel Channel { get; }

    /// <summary>The gRPC endpoint (<c>http://127.0.0.1:port</c>, or https://) of a host started on a socket; null on TestServer.</summary>
    public string? Address { get; }

    /// <summary>An HTTP client for the management routes (/healthz, /readyz, /metrics); TestServer hosts only.</summary>
    public HttpClient CreateHttpClient() => _app.GetTestServer().CreateClient();

    public ServiceManager.ServiceManagerClient Services { get; }

    public IngressManager.IngressManagerClient Ingresses { get; }

    /// <summary>The embedded cluster behind the server, for fault injection.</summary>
    public KubernetesEmulator Emulator => _emulator ?? throw new InvalidOperationException("this host talks to a kubeconfig cluster");

    /// <summary>False in KubeConfig mode.</summary>
    public bool HasEmulator => _emulator is not null;

    /// <summary>A KubernetesClient on the same cluster, to check what the server did.</summary>
    public IKubernetes Kubernetes { get; }

    /// <summary>The server's own services (its options, health checks, clock), for tests that look inside.</summary>
    public IServiceProvider ServerServices => _app.Services;

    /// <param name="settings">Configuration over the test defaults.</param>
    /// <param name="services">Runs before AddKubeRpc, to put a test double (a clock) where the server would take its own.</param>
    public static Task<KubeRpcHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(settings, services, socket: false);

    /// <summary>
    /// The server on Kestrel with a real HTTP/2 socket on 127.0.0.1 (a free port), for what only a real transport
    /// shows: flow control, stream resets, trailer sizes, TLS. With an https:// <c>Server:GrpcUrl</c> in
    /// <paramref name="settings"/>, <see cref="Channel"/> trusts only the system's CAs: build a channel with the test's.
    /// </summary>
    public static Task<KubeRpcHost> StartOnSocketAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(settings, services, socket: true);

    private static async Task<KubeRpcHost> StartAsync(IDictionary<string, string?>? settings, Action<IServiceCollection>? services, bool socket)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = nameof(ClusterMode.Embedded),
            ["Kubernetes:Embedded:Url"] = "", // no socket: tests run side by side
            ["Watch:ShutdownGracePeriod"] = "00:00:00", // every test stops its host; the shutdown tests set their own grace
        });
        if (socket)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Server:GrpcUrl"] = "http://127.0.0.1:0",
                ["Server:ManagementUrl"] = "",
            });
        }
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        if (!socket)
        {
            builder.WebHost.UseTestServer();
        }
        services?.Invoke(builder.Services);
        builder.AddKubeRpc();
        var app = builder.Build();
        app.MapKubeRpc();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = socket
            ? app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single()
            : null;
        var host = new KubeRpcHost(app, address);
        // Inside the callers' DefaultTimeout, so a timeout here, which names what did not happen, is the one they see.
        var ready = Stopwatch.StartNew();
        TimeSpan Left() => ReadyTimeout > ready.Elapsed ? ReadyTimeout - ready.Elapsed : TimeSpan.Zero;
        try
        {
            // As a load balancer would, send traffic only once the caches have synced (readiness).
            foreach (var informer in app.Services.GetServices<IInformerStatus>())
            {
                await informer.WaitForSyncAsync(CancellationToken.None).Within(Left(), $"the {informer.Kind} cache's initial sync");
            }
            // Every informer holds a watch once started; tests that arm faults must not have them eaten by a watch still dialling.
            if (host.HasEmulator)
            {
                var informers = app.Services.GetServices<IInformerStatus>().Count();
                await host.Emulator.UntilOpenWatchesAsync(n => n >= informers,
                    $"the {informers} caches' watches (Services, Ingresses, EndpointSlices) on the embedded cluster", Left());
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Begins the server's stop as SIGTERM would, with the channel still open; <paramref name="cancellationToken"/> cuts it short.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _stopping ??= _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        Channel.Dispose();
        await (_stopping ??= _app.StopAsync());
        await _app.DisposeAsync();
    }
}
