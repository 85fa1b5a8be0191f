using System.ComponentModel.DataAnnotations;

namespace KubeRpc.Server.Kubernetes;

/// <summary>Which Kubernetes cluster KubeRpc talks to (configuration section <c>Kubernetes</c>).</summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Auto (default): in-cluster inside a pod, else a kubeconfig if one exists, else the embedded cluster.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Auto;

    /// <summary>Kubeconfig file for <see cref="ClusterMode.KubeConfig"/>; default <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.</summary>
    public string? KubeConfigPath { get; set; }

    /// <summary>Kubeconfig context; default the current context.</summary>
    public string? Context { get; set; }

    /// <summary>The embedded cluster's settings.</summary>
    public EmbeddedClusterOptions Embedded { get; set; } = new();

    /// <summary>Timeout of each non-watch Kubernetes request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The in-process emulator used in <see cref="ClusterMode.Embedded"/>.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>Where the embedded cluster also serves its Kubernetes API for kubectl; empty to not serve it.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8001";
}

/// <summary>How KubeRpc finds its cluster.</summary>
public enum ClusterMode
{
    /// <summary>InCluster inside a pod, else KubeConfig when a kubeconfig exists, else Embedded.</summary>
    Auto,
    /// <summary>The in-memory emulator, started in this process.</summary>
    Embedded,
    /// <summary>A kubeconfig file.</summary>
    KubeConfig,
    /// <summary>The pod's service account.</summary>
    InCluster,
}
