using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// A backend behind a Pod: Kestrel on h2c at one loopback address (the Pod's IP under <c>Emulator:PodCidr=127.0.0.0/24</c>)
/// serving grpc.health.v1, counting the Health/Check calls it answers, so a test sees which backends a client reached.
/// </summary>
internal sealed class HealthBackend : IAsyncDisposable
{
    private WebApplication? _app;
    private int _checks;

    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Health/Check calls answered so far.</summary>
    public int Checks => Volatile.Read(ref _checks);

    /// <param name="port">0 for a free one.</param>
    public static async Task<HealthBackend> StartAsync(IPAddress address, int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        var backend = new HealthBackend();
        var app = backend._app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/grpc.health.v1.Health/Check")
            {
                Interlocked.Increment(ref backend._checks);
            }
            await next(context);
        });
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        backend.EndPoint = new IPEndPoint(address, new Uri(app.Urls.Single()).Port);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
