namespace KubeRpc.Server.Caching;

/// <summary>What health checks and metrics read of an informer, whatever its kind.</summary>
internal interface IInformerStatus
{
    /// <summary>The Kubernetes kind, e.g. <c>Service</c>.</summary>
    string Kind { get; }

    /// <summary>Whether every scope has listed once; never goes back to false.</summary>
    bool HasSynced { get; }

    int ObjectsCached { get; }

    InformerMetrics Metrics { get; }

    /// <summary>Whether the informer caches <paramref name="namespace"/> (null or empty: every namespace).</summary>
    bool Covers(string? @namespace);

    /// <summary>Completes once every scope has listed once.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
