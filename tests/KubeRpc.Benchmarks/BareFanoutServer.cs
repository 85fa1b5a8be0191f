using System.Net;
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
/// The ceiling of the watches growth rows: a minimal Grpc.AspNetCore server (h2c on loopback, logging off, Kestrel's
/// streams per connection as KubeRpc's) whose <c>BareEvents/Stream</c> writes one ServiceEvent to every open stream
/// each time <see cref="Publish"/> is called; nothing else (no cache, no filter, no queue bounds, no metrics). A stream
/// starts after the publish numbered by its request's <c>count</c> (as a watch starts after a resource_version) and
/// writes each later one, late or not, so the k-th message of every stream is the same publish.
/// </summary>
internal sealed class BareFanoutServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Ticks _ticks;

    private BareFanoutServer(WebApplication app, Ticks ticks)
    {
        _app = app;
        _ticks = ticks;
    }

    public static async Task<BareFanoutServer> StartAsync(int port, int maxStreamsPerConnection, ServiceEvent message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection;
            k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var ticks = new Ticks(message);
        builder.Services.AddSingleton(ticks);
        var app = builder.Build();
        app.MapGrpcService<FanoutService>();
        await app.StartAsync();
        return new BareFanoutServer(app, ticks);
    }

    /// <summary>Publishes so far: a stream asked to start from here gets every later one.</summary>
    public long Published => _ticks.Count;

    /// <summary>Sends the message once more on every open stream.</summary>
    public void Publish() => _ticks.Publish();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>How many publishes there have been, and a task that completes at the next.</summary>
    private sealed class Ticks(ServiceEvent message)
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _count;

        public ServiceEvent Message { get; } = message;

        public long Count => Interlocked.Read(ref _count);

        public Task After(long seen)
        {
            lock (_gate)
            {
                return _count > seen ? Task.CompletedTask : _next.Task;
            }
        }

        public void Publish()
        {
            TaskCompletionSource published;
            lock (_gate)
            {
                published = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _count++;
            }
            published.SetResult();
        }
    }

    /// <summary>Each stream writes every publish after number <c>request.Count</c>.</summary>
    private sealed class FanoutService(Ticks ticks) : BareEvents.BareEventsBase
    {
        public override async Task Stream(StreamRequest request, IServerStreamWriter<ServiceEvent> responseStream, ServerCallContext context)
        {
            long seen = request.Count;
            try
            {
                while (true)
                {
                    await ticks.After(seen).WaitAsync(context.CancellationToken);
                    for (var count = ticks.Count; seen < count; seen++)
                    {
                        await responseStream.WriteAsync(ticks.Message, context.CancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                // The reader left.
            }
        }
    }
}
