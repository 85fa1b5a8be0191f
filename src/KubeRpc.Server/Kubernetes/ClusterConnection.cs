using k8s;
using k8s.Exceptions;
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

    /// <summary>
    /// Resolves the mode and reads the kubeconfig or in-cluster configuration, before anything starts: a setting that
    /// cannot be used fails here with an <see cref="InvalidSettingException"/> naming it.
    /// </summary>
    public static ClusterPlan Plan(KubernetesOptions options)
    {
        var mode = Resolve(options, out _);
        switch (mode)
        {
            case ClusterMode.InCluster:
                try
                {
                    return new ClusterPlan(mode, KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
                }
                catch (KubeConfigException e)
                {
                    throw new InvalidSettingException($"Kubernetes:Mode InCluster: {e.Message}", e);
                }
            case ClusterMode.KubeConfig:
                var paths = KubeConfigLoader.Paths(options.KubeConfigPath);
                var setting = string.IsNullOrEmpty(options.KubeConfigPath) ? "$KUBECONFIG" : "Kubernetes:KubeConfigPath";
                return new ClusterPlan(mode, KubeConfigLoader.Load(paths, options.Context, setting), $"kubeconfig {string.Join(Path.PathSeparator, paths)}");
            default:
                return new ClusterPlan(ClusterMode.Embedded, null, "embedded cluster (in-process emulator)");
        }
    }

    public static ClusterConnection Open(ClusterPlan plan, KubernetesOptions options, ILogger logger)
    {
        var connection = plan.Configuration is { } config ? Remote(config, options, plan) : Embedded();
        KubeRpcLog.ClusterSelected(logger, options.Mode, connection.Mode, connection.Description);
        return connection;
    }

    /// <summary>Auto picks in-cluster inside a pod, else a kubeconfig if one exists, else the embedded cluster.</summary>
    public static ClusterMode Resolve(KubernetesOptions options, out string? kubeconfig)
    {
        kubeconfig = KubeConfigLoader.Paths(options.KubeConfigPath).FirstOrDefault(File.Exists);
        return options.Mode switch
        {
            ClusterMode.Auto when KubernetesClientConfiguration.IsInCluster() => ClusterMode.InCluster,
            ClusterMode.Auto when kubeconfig is not null => ClusterMode.KubeConfig,
            ClusterMode.Auto => ClusterMode.Embedded,
            _ => options.Mode,
        };
    }

    private static ClusterConnection Remote(KubernetesClientConfiguration config, KubernetesOptions options, ClusterPlan plan)
    {
        // Non-watch calls time out; watches are not subject to it (the client cancels the timeout for watch=true).
        config.HttpClientTimeout = options.RequestTimeout;
        return new ClusterConnection(new k8s.Kubernetes(config), plan.Mode, $"{plan.Description} ({config.Host})", null);
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

/// <summary>The resolved cluster mode and, outside Embedded mode, the client configuration read for it.</summary>
internal sealed record ClusterPlan(ClusterMode Mode, KubernetesClientConfiguration? Configuration, string Description);
