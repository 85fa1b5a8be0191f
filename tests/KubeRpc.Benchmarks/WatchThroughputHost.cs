using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using k8s;
using k8s.Models;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.Emulator;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Hosting;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The two servers of the throughput benchmark in this one process: KubeRpc (Embedded mode, watch options at their
/// defaults but the history's retention) and the bare stream server, each on its own loopback h2c port; a namespace with a pool of typical
/// Services; and the source of their changes: writers patching them in KubeRpc's own emulator, or a
/// <see cref="ServiceFeed"/> that KubeRpc's informers watch instead of the emulator.
/// </summary>
internal sealed class WatchThroughputHost : IAsyncDisposable
{
    public const string Namespace = "wtput";

    private readonly WebApplication _app;
    private readonly GrpcChannel _control;
    private readonly IKubernetes _client;

    private WatchThroughputHost(WebApplication app, int port, BareStreamServer bare, IKubernetes client, IChangeSource source, int pool)
    {
        _app = app;
        Port = port;
        Bare = bare;
        _client = client;
        _control = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        Pool = pool;
        Source = source;
    }

    public int Port { get; }

    public BareStreamServer Bare { get; }

    /// <summary>Services in the namespace: a fresh watch gets this many ADDED events and one BOOKMARK first.</summary>
    public int Pool { get; }

    public IChangeSource Source { get; }

    public static async Task<WatchThroughputHost> StartAsync(int pool, int writers, bool feed, TimeSpan historyRetention)
    {
        ServiceFeed? serviceFeed = null;
        if (feed)
        {
            // The pool exactly as an API server serves it (managedFields and all), from a throwaway emulator.
            await using var emulator = new KubernetesEmulator();
            using var source = emulator.CreateClient();
            var names = await CreatePoolAsync(source, pool);
            await new LabelWriters(source, Namespace, names, 1).WriteAsync(pool);
            serviceFeed = new ServiceFeed((await source.CoreV1.ListNamespacedServiceAsync(Namespace)).Items);
        }
        var port = StreamChannels.FreePort();
        var builder = WebApplication.CreateBuilder();
        // Only the server's own warnings (a failing or stalled informer watch would explain an odd figure).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Embedded",
            ["Kubernetes:Embedded:Url"] = "",
            ["Server:GrpcUrl"] = $"http://127.0.0.1:{port}",
            ["Server:ManagementUrl"] = "",
            ["Watch:HistoryRetention"] = historyRetention.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddKubeRpc();
        if (serviceFeed is not null)
        {
            // Registered last, so the informers list and watch the feed instead of the embedded emulator.
            builder.Services.AddSingleton(serviceFeed.CreateClient());
        }
        var app = builder.Build();
        app.MapKubeRpc();
        await app.StartAsync();
        IKubernetes client;
        IChangeSource changes;
        if (serviceFeed is not null)
        {
            client = app.Services.GetRequiredService<IKubernetes>();
            changes = serviceFeed;
        }
        else
        {
            var emulator = app.Services.GetRequiredService<EmbeddedCluster>().Emulator
                ?? throw new InvalidOperationException("the benchmark needs the embedded cluster");
            client = emulator.CreateClient();
            changes = new LabelWriters(client, Namespace, await CreatePoolAsync(client, pool), writers);
        }
        var maxStreams = app.Configuration.GetValue("Server:MaxStreamsPerConnection", 1000);
        var bare = await BareStreamServer.StartAsync(StreamChannels.FreePort(), maxStreams);
        var host = new WatchThroughputHost(app, port, bare, client, changes, pool);
        await host.SettleAsync();
        return host;
    }

    private static async Task<List<string>> CreatePoolAsync(IKubernetes client, int pool)
    {
        await client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = Namespace } });
        var names = new List<string>();
        for (var i = 0; i < pool; i++)
        {
            var created = await client.CoreV1.CreateNamespacedServiceAsync(SampleObjects.ServiceToCreate(i, Namespace), Namespace);
            names.Add(created.Metadata.Name);
        }
        return names;
    }

    /// <summary>The server's side of the watches, for a report when streams do not start.</summary>
    public string Diagnose()
    {
        var informer = _app.Services.GetRequiredService<ResourceInformer<Service, V1Service>>();
        var broadcaster = _app.Services.GetRequiredService<KubeRpc.Server.Watching.EventBroadcaster<Service, KubeRpc.Server.Wire.EncodedMessage>>();
        var limiter = _app.Services.GetRequiredService<KubeRpc.Server.Watching.WatchLimiter>();
        return $"server: {limiter.Open} watch streams open, {broadcaster.Subscribers} Service subscribers, broadcaster at " +
            $"{broadcaster.ResourceVersion}, cache at {informer.ResourceVersion}, last change {Source.LastResourceVersion}";
    }

    /// <summary>Waits until KubeRpc's Service informer (hence its broadcaster, which it feeds under its lock) has every change made.</summary>
    public async Task SettleAsync()
    {
        var informer = _app.Services.GetRequiredService<ResourceInformer<Service, V1Service>>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await informer.WaitForResourceVersionAsync(Source.LastResourceVersion, limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"KubeRpc's Service cache is at {informer.ResourceVersion}, the last change at {Source.LastResourceVersion}");
        }
    }

    /// <summary>A real MODIFIED ServiceEvent as a subscriber receives it (one label patch).</summary>
    public async Task<ServiceEvent> SampleEventAsync()
    {
        var client = new ServiceManager.ServiceManagerClient(_control);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.WatchServices(new WatchServicesRequest { Namespace = Namespace }, cancellationToken: stop.Token);
        var patched = false;
        await foreach (var e in call.ResponseStream.ReadAllAsync(stop.Token))
        {
            if (e.InitialEventsEnd && !patched)
            {
                patched = true;
                await Source.WriteAsync(1);
            }
            else if (e.Type == EventType.Modified)
            {
                return e;
            }
        }
        throw new InvalidOperationException("the watch ended before the MODIFIED event");
    }

    /// <summary>The bare payload size whose EchoReply encodes to exactly <paramref name="messageSize"/> bytes (or just under).</summary>
    public static int PayloadFor(int messageSize)
    {
        for (var n = messageSize; n > 0; n--)
        {
            if (new EchoReply { Payload = ByteString.CopyFrom(new byte[n]) }.CalculateSize() <= messageSize)
            {
                return n;
            }
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await Bare.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
