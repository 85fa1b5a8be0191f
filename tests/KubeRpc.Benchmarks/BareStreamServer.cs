using System.Net;
using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Benchmarks.Bare;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The bare server-stream ceiling, hosted in the benchmark's own process beside KubeRpc: a minimal Grpc.AspNetCore
/// server (h2c on loopback, logging off) whose <c>Bench/Stream</c> writes one shared payload in a loop
/// (performance.md §2.1), and whose <c>BareEvents/Stream</c> writes one real ServiceEvent in a loop. Kestrel allows
/// as many streams per connection as KubeRpc does, so N readers share the same connections on both servers.
/// </summary>
internal sealed class BareStreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EventTemplate _template;

    private BareStreamServer(WebApplication app, int port, EventTemplate template)
    {
        _app = app;
        Port = port;
        _template = template;
    }

    public int Port { get; }

    /// <summary>The ServiceEvent that <c>BareEvents/Stream</c> writes; set before that stream is read.</summary>
    public ServiceEvent? Event
    {
        get => _template.Event;
        set => _template.Event = value;
    }

    public static async Task<BareStreamServer> StartAsync(int port, int maxStreamsPerConnection)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection;
            k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var template = new EventTemplate();
        builder.Services.AddSingleton(template);
        var app = builder.Build();
        app.MapGrpcService<BareStreamService>();
        app.MapGrpcService<BareEventService>();
        await app.StartAsync();
        return new BareStreamServer(app, port, template);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Only <c>Stream</c>: count replies (0 = until cancelled) sharing one payload of the asked size.</summary>
    private sealed class BareStreamService : Bench.BenchBase
    {
        public override Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
        {
            var payload = ByteString.CopyFrom(new byte[Math.Max(0, request.PayloadSize)]);
            return WriteRepeatedlyAsync(responseStream, () => new EchoReply { Payload = payload }, request.Count, context);
        }
    }

    private sealed class EventTemplate
    {
        public ServiceEvent? Event { get; set; }
    }

    /// <summary><c>BareEvents/Stream</c>: the one ServiceEvent, serialised on every write as a plain gRPC server does.</summary>
    private sealed class BareEventService(EventTemplate template) : BareEvents.BareEventsBase
    {
        public override Task Stream(StreamRequest request, IServerStreamWriter<ServiceEvent> responseStream, ServerCallContext context)
        {
            var e = template.Event ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "no event set"));
            return WriteRepeatedlyAsync(responseStream, () => e, request.Count, context);
        }
    }

    /// <summary>Writes <paramref name="count"/> messages (0 = until the reader leaves) as fast as the stream takes them.</summary>
    private static async Task WriteRepeatedlyAsync<T>(IServerStreamWriter<T> stream, Func<T> message, int count, ServerCallContext context)
    {
        try
        {
            for (var i = 0; count == 0 || i < count; i++)
            {
                await stream.WriteAsync(message(), context.CancellationToken);
                // Once the client has gone, Kestrel completes writes at once and discards them, and the request's
                // abort reaches this token through the thread pool. Without a yield, every unbounded stream spins
                // on a pool thread and that abort never runs: the process stalled at 200 % CPU. A yield per 64
                // messages costs the bare figure about what the watch's own wait between batches costs it.
                if (i % 64 == 63)
                {
                    await Task.Yield();
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The reader left: the end of every unbounded stream.
        }
    }
}
