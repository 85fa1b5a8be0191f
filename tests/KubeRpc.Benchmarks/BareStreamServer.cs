using System.Net;
using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Benchmarks.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The bare server-stream ceiling, hosted in the benchmark's own process beside KubeRpc: a minimal Grpc.AspNetCore
/// server (h2c on loopback, logging off) whose <c>Stream</c> writes one shared payload in a loop
/// (performance.md §2.1). Kestrel allows as many streams per connection as KubeRpc does, so N readers share the
/// same connections on both servers.
/// </summary>
internal sealed class BareStreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareStreamServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

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
        var app = builder.Build();
        app.MapGrpcService<BareStreamService>();
        await app.StartAsync();
        return new BareStreamServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Only <c>Stream</c>: count replies (0 = until cancelled) sharing one payload of the asked size.</summary>
    private sealed class BareStreamService : Bench.BenchBase
    {
        public override async Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
        {
            var payload = ByteString.CopyFrom(new byte[Math.Max(0, request.PayloadSize)]);
            try
            {
                for (var i = 0; request.Count == 0 || i < request.Count; i++)
                {
                    await responseStream.WriteAsync(new EchoReply { Payload = payload }, context.CancellationToken);
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
}
