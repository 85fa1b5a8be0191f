using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;
using KubeRpc.Emulator.Storage;
using Microsoft.AspNetCore.Builder;

namespace KubeRpc.RobustnessTests.Cluster;

/// <summary>
/// The one API server both replicas share: an emulator served over HTTP on 127.0.0.1, its change log of Services
/// read from the start (the sequence the checker holds every stream against), and kubeconfigs that point at it,
/// directly or through a proxy.
/// </summary>
internal sealed class SharedApiServer : IAsyncDisposable
{
    public const string Namespace = "robust";

    private readonly WebApplication _host;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kuberpc-robust-");

    private SharedApiServer(KubernetesEmulator emulator, WebApplication host)
    {
        Emulator = emulator;
        _host = host;
        Admin = emulator.CreateClient();
        Changes = emulator.ReadChanges("services");
    }

    public KubernetesEmulator Emulator { get; }

    /// <summary>Every change of a Service from the start, whatever the history keeps.</summary>
    public ChangeLogReader Changes { get; }

    /// <summary>The cluster's administrator, in process (not through any proxy), for setup and the final state.</summary>
    public IKubernetes Admin { get; }

    public int Port => new Uri(_host.Urls.First()).Port;

    public static async Task<SharedApiServer> StartAsync()
    {
        // Bookmarks every second, so a watch that hears nothing for Cache:StallTimeout is a dead one, not a quiet one.
        var emulator = new KubernetesEmulator(new EmulatorOptions { BookmarkInterval = TimeSpan.FromSeconds(1) });
        var host = EmulatorWebHost.Build(emulator, "http://127.0.0.1:0");
        await host.StartAsync();
        var server = new SharedApiServer(emulator, host);
        await server.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        return server;
    }

    /// <summary>A kubeconfig (as the cluster admin over loopback) for the API server at <paramref name="port"/>.</summary>
    public async Task<string> KubeConfigAsync(string name, int port)
    {
        var path = Path.Combine(_dir.FullName, name);
        await File.WriteAllTextAsync(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: shared
              cluster: {server: "http://127.0.0.1:{{port}}"}
            contexts:
            - name: shared
              context: {cluster: shared}
            current-context: shared
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await Emulator.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
