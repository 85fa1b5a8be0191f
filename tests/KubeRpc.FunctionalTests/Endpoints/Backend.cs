using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// A real gRPC backend (grpc.health.v1 over h2c) on one loopback address, standing for a Pod's container: each answer
/// names it in the <see cref="Trailer"/> trailer, and it counts the calls it served and the connections open to it.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    /// <summary>The trailer that names the backend that served a call.</summary>
    public const string Trailer = "backend";

    private readonly WebApplication _app;
    private int _calls;
    private int _openConnections;
    private long _lastCall;

    private Backend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    /// <summary>Where it listens (the port Kestrel bound, when 0 was asked for).</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    public int Port => EndPoint.Port;

    /// <summary>Calls served so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Connections open to this backend now (Kestrel's connection middleware sees each from accept to close).</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>The <see cref="Stopwatch"/> timestamp of the last call served; 0 before the first.</summary>
    public long LastCall => Interlocked.Read(ref _lastCall);

    /// <summary>Serves on <paramref name="address"/>:<paramref name="port"/> (a loopback address: a Pod's IP in a 127.0.0.0/24 pod CIDR; port 0: a free one).</summary>
    public static async Task<Backend> StartAsync(string name, IPAddress address, int port)
    {
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"backends bind loopback addresses only, not {address}", nameof(address));
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        Backend? backend = null;
        builder.Services.AddSingleton(_ => backend!);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(next => async connection =>
            {
                Interlocked.Increment(ref backend!._openConnections);
                try
                {
                    await next(connection);
                }
                finally
                {
                    Interlocked.Decrement(ref backend._openConnections);
                }
            });
        }));
        var app = builder.Build();
        app.MapGrpcService<NamedHealth>();
        backend = new Backend(name, app);
        await app.StartAsync();
        backend.EndPoint = new IPEndPoint(address, new Uri(app.Urls.Single()).Port);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Served()
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Exchange(ref _lastCall, Stopwatch.GetTimestamp());
    }

    /// <summary>grpc.health.v1 Check, SERVING, with the backend's name in a trailer.</summary>
    private sealed class NamedHealth(Backend backend) : Health.HealthBase
    {
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
        {
            backend.Served();
            context.ResponseTrailers.Add(Trailer, backend.Name);
            return Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        }
    }
}
