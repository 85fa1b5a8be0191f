namespace KubeRpc.Server.Kubernetes;

/// <summary>The cluster connection's log messages. Never log tokens, kubeconfig contents or Secret data.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(EventId = 1, EventName = "ClusterSelected", Level = LogLevel.Information,
        Message = "Kubernetes mode {Requested} resolved to {Mode}: {Description}")]
    public static partial void ClusterSelected(ILogger logger, ClusterMode requested, ClusterMode mode, string description);

    [LoggerMessage(EventId = 3, EventName = "KubernetesCallFailed", Level = LogLevel.Debug,
        Message = "Kubernetes call failed with HTTP {StatusCode} {Reason}")]
    public static partial void KubernetesCallFailed(ILogger logger, int statusCode, string? reason);

    [LoggerMessage(EventId = 4, EventName = "KubernetesUnexpectedError", Level = LogLevel.Warning,
        Message = "Kubernetes call failed unexpectedly")]
    public static partial void KubernetesUnexpectedError(ILogger logger, Exception exception);
}
