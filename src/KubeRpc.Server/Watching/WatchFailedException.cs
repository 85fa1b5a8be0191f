namespace KubeRpc.Server.Watching;

/// <summary>Why a watch cannot start or goes on no longer, other than the client leaving.</summary>
internal enum WatchFailure
{
    /// <summary>The subscriber's queue overflowed; it resumes from the last version it got and loses nothing.</summary>
    TooSlow,

    /// <summary>The server is stopping; the client resumes on another replica.</summary>
    ShuttingDown,

    /// <summary>The server already serves as many watch streams as it may.</summary>
    TooManyWatches,

    /// <summary>The requested version left the history (Kubernetes' 410 Expired): list again, then watch.</summary>
    Expired,

    /// <summary>Changes around the version arrived out of version order (<see cref="ResumeCheck.Ambiguous"/>).</summary>
    Ambiguous,

    /// <summary>The version lies inside a relist of the cache (<see cref="ResumeCheck.Collapsed"/>).</summary>
    Collapsed,

    /// <summary>The version is ahead of this replica's cache, which did not reach it within the wait.</summary>
    TooLargeResourceVersion,
}

/// <summary>
/// A watch that failed for one of the <see cref="WatchFailure"/> reasons, with what the client needs to go on. The
/// gRPC layer words it as a status (Grpc/Errors/WatchStatuses.cs); nothing here knows about gRPC.
/// </summary>
internal sealed class WatchFailedException(WatchFailure failure, string kind, string resourceVersion) : Exception($"{kind} watch: {failure}")
{
    public WatchFailure Failure { get; } = failure;

    public string Kind { get; } = kind;

    /// <summary>The version asked for, or (TooSlow, ShuttingDown) the last one the stream delivered.</summary>
    public string ResourceVersion { get; } = resourceVersion;

    /// <summary>Expired: the oldest version the history still holds.</summary>
    public long Oldest { get; init; }

    /// <summary>TooLargeResourceVersion: the newest version the cache has.</summary>
    public long Current { get; init; }

    /// <summary>TooManyWatches: the limit.</summary>
    public int Limit { get; init; }

    /// <summary>TooLargeResourceVersion: when to try again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
