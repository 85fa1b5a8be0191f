namespace KubeRpc.Server.Caching;

/// <summary>Why a reflector started a new watch (a metrics dimension).</summary>
internal enum WatchRestartCause
{
    /// <summary>The server ended the watch normally (its timeoutSeconds, a restart, a load balancer).</summary>
    Closed,

    /// <summary>The server ended the watch without having sent any event or bookmark.</summary>
    QuietClose,

    /// <summary>410 Expired/Gone: the resourceVersion left the server's history; the reflector relists.</summary>
    Expired,

    /// <summary>No event or bookmark within the stall timeout: the watchdog cancelled the watch.</summary>
    Stalled,

    /// <summary>Transport or HTTP error (429, 5xx, connection reset…); retried with backoff.</summary>
    Error,
}
