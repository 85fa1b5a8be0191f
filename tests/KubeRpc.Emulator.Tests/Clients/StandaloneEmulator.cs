using k8s;
using KubeRpc.Emulator.Hosting;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>
/// The emulator served over HTTP on a free loopback port, as the out-of-process clients reach it, plus an
/// in-process KubernetesClient for the test's own changes and checks.
/// </summary>
internal sealed class StandaloneEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandaloneEmulator(KubernetesEmulator emulator, WebApplication app, string url)
    {
        Emulator = emulator;
        _app = app;
        Url = url;
        Client = emulator.CreateClient();
    }

    public KubernetesEmulator Emulator { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; }

    /// <summary>Talks to the same emulator in-process.</summary>
    public IKubernetes Client { get; }

    public static async Task<StandaloneEmulator> StartAsync(EmulatorOptions? options = null)
    {
        var emulator = new KubernetesEmulator(options);
        var app = EmulatorWebHost.Build(emulator, "http://127.0.0.1:0");
        await app.StartAsync().DefaultTimeout();
        return new StandaloneEmulator(emulator, app, app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        // Ending the watches first lets the host stop without waiting for streams that never end on their own.
        Emulator.Faults.EndAllWatches();
        await _app.StopAsync(TaskTimeouts.DefaultToken());
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
