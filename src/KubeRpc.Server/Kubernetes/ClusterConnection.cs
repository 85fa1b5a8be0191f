using k8s;
using k8s.Exceptions;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The one Kubernetes client of the process, for the resolved cluster mode. In Embedded mode the client reaches the
/// in-process cluster through the handler it is given, without sockets (the cluster itself is hosting's concern).
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private ClusterConnection(IKubernetes client, ClusterMode mode, string description)
    {
        Client = client;
        Mode = mode;
        Description = description;
    }

    public IKubernetes Client { get; }

    /// <summary>The mode in use (never Auto).</summary>
    public ClusterMode Mode { get; }

    /// <summary>What we connected to, for the start-up log (never contains credentials).</summary>
    public string Description { get; }

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

    /// <param name="embedded">In Embedded mode, the handler that answers as the in-process cluster.</param>
    public static ClusterConnection Open(ClusterPlan plan, KubernetesOptions options, ILogger logger, DelegatingHandler? embedded)
    {
        var connection = plan.Configuration is { } config ? Remote(config, options, plan)
            : Embedded(embedded ?? throw new InvalidOperationException("Embedded mode needs the in-process cluster's handler"));
        KubernetesLog.ClusterSelected(logger, options.Mode, connection.Mode, connection.Description);
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
        return new ClusterConnection(new k8s.Kubernetes(config), plan.Mode, $"{plan.Description} ({config.Host})");
    }

    private static ClusterConnection Embedded(DelegatingHandler handler)
    {
        var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://embedded.invalid" },
            new KubernetesCallTracingHandler(), handler);
        return new ClusterConnection(client, ClusterMode.Embedded, "embedded cluster (in-process emulator)");
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The resolved cluster mode and, outside Embedded mode, the client configuration read for it.</summary>
internal sealed record ClusterPlan(ClusterMode Mode, KubernetesClientConfiguration? Configuration, string Description);
