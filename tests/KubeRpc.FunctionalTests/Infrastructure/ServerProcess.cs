using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>
/// The built KubeRpc.Server.dll run as users run it (embedded cluster), on free loopback ports, until disposed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(Process process, int grpcPort, int managementPort, int apiPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        ManagementPort = managementPort;
        ApiPort = apiPort;
    }

    public int GrpcPort { get; }

    public int ManagementPort { get; }

    /// <summary>The embedded cluster's Kubernetes API (for kubectl).</summary>
    public int ApiPort { get; }

    public string GrpcAddress => $"127.0.0.1:{GrpcPort}";

    /// <summary>What the server printed, for failure messages.</summary>
    public string Log => string.Join("\n", _log);

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var (grpc, management, api) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "KubeRpc.Server.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Server__GrpcUrl"] = $"http://127.0.0.1:{grpc}",
                ["Server__ManagementUrl"] = $"http://127.0.0.1:{management}",
                ["Kubernetes__Mode"] = "Embedded",
                ["Kubernetes__Embedded__Url"] = $"http://127.0.0.1:{api}",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        var server = new ServerProcess(process, grpc, management, api);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    /// <summary>Waits for /readyz (caches synced), bounded.</summary>
    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{ManagementPort}/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        await DisposeAsync();
        throw new TimeoutException("the server did not become ready:\n" + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync().WaitAsync(TaskTimeouts.Default);
        _process.Dispose();
    }
}
