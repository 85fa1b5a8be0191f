using k8s;
using KubeRpc.Emulator;
using KubeRpc.Server.Diagnostics;
using KubeRpc.Server.Hosting;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The one Kubernetes client of the process, for the resolved cluster mode. In Embedded mode it also owns the
/// in-process emulator, which the client reaches without sockets.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private ClusterConnection(IKubernetes client, ClusterMode mode, string description, KubernetesEmulator? emulator)
    {
        Client = client;
        Mode = mode;
        Description = description;
        Emulator = emulator;
    }

    public IKubernetes Client { get; }

    /// <summary>The mode in use (never Auto).</summary>
    public ClusterMode Mode { get; }

    /// <summary>What we connected to, for the start-up log (never contains credentials).</summary>
    public string Description { get; }

    /// <summary>The embedded cluster, in Embedded mode.</summary>
    public KubernetesEmulator? Emulator { get; }

    public static ClusterConnection Open(KubernetesOptions options, ILogger logger)
    {
        var mode = Resolve(options, out var kubeconfig);
        var connection = mode switch
        {
            ClusterMode.InCluster => Remote(KubernetesClientConfiguration.InClusterConfig(), options, mode, "in-cluster service account"),
            ClusterMode.KubeConfig => Remote(
                KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, options.Context), options, mode, $"kubeconfig {kubeconfig}"),
            _ => Embedded(),
        };
        KubeRpcLog.ClusterSelected(logger, options.Mode, connection.Mode, connection.Description);
        return connection;
    }

    /// <summary>Auto picks in-cluster inside a pod, else a kubeconfig if one exists, else the embedded cluster.</summary>
    public static ClusterMode Resolve(KubernetesOptions options, out string? kubeconfig)
    {
        kubeconfig = options.KubeConfigPath ?? DefaultKubeConfig();
        return options.Mode switch
        {
            ClusterMode.Auto when KubernetesClientConfiguration.IsInCluster() => ClusterMode.InCluster,
            ClusterMode.Auto when kubeconfig is not null && File.Exists(kubeconfig) => ClusterMode.KubeConfig,
            ClusterMode.Auto => ClusterMode.Embedded,
            _ => options.Mode,
        };
    }

    private static string? DefaultKubeConfig()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
    }

    private static ClusterConnection Remote(KubernetesClientConfiguration config, KubernetesOptions options, ClusterMode mode, string source)
    {
        // Non-watch calls time out; watches are not subject to it (the client cancels the timeout for watch=true).
        config.HttpClientTimeout = options.RequestTimeout;
        return new ClusterConnection(new k8s.Kubernetes(config), mode, $"{source} ({config.Host})", null);
    }

    private static ClusterConnection Embedded()
    {
        var emulator = new KubernetesEmulator();
        var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://embedded.invalid" },
            new KubernetesCallTracingHandler(), emulator.CreateHandler());
        return new ClusterConnection(client, ClusterMode.Embedded, "embedded cluster (in-process emulator)", emulator);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
