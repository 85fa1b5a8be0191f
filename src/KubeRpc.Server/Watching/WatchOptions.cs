namespace KubeRpc.Server.Watching;

/// <summary>How watch streams buffer, replay, pace and end their events (configuration section <c>Watch</c>).</summary>
internal sealed class WatchOptions
{
    public const string SectionName = "Watch";

    /// <summary>Events per kind always kept for resumes, however old.</summary>
    public int HistoryCapacity { get; set; } = 10_000;

    /// <summary>Events younger than this are kept for resumes even beyond <see cref="HistoryCapacity"/>.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A hard bound on the history, so a write storm inside the retention cannot exhaust memory.</summary>
    public int HistoryLimit { get; set; } = 200_000;

    /// <summary>Events queued for one subscriber; a subscriber whose queue is full is ended with WATCH_TOO_SLOW.</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>A stream that asked for bookmarks gets one after this long without any message.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a watch from a version this replica's cache has not reached yet waits for it (kube-apiserver's cacher waits
    /// 3 s), before it ends with UNAVAILABLE (RESOURCE_VERSION_TOO_LARGE) and the client retries.
    /// </summary>
    public TimeSpan ResourceVersionWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most watch streams open at once on this replica, over every kind.</summary>
    public int MaxSubscriptions { get; set; } = 10_000;

    /// <summary>
    /// How long open watch streams keep delivering events after the host begins to stop, before they end with
    /// UNAVAILABLE (SHUTTING_DOWN) and their clients resume on another replica; 0 ends them at once.
    /// </summary>
    /// <remarks>
    /// kube-apiserver's <c>--shutdown-delay-duration</c> (and the usual <c>preStop</c> sleep) in KubeRpc: readiness
    /// turns NOT_SERVING as soon as stopping begins, and the replica goes on serving while endpoint controllers,
    /// kube-proxy and load balancers take it out of rotation, which takes a few seconds. Ending the streams only after
    /// that means the clients' reconnects land on a replica that is still in rotation rather than on this one. 5 s
    /// covers two failed probes of the deployment's readiness probe (every 2 s) and typical endpoint propagation,
    /// and keeps a rolling update brisk. It must stay below the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>,
    /// configuration key <c>shutdownTimeoutSeconds</c>, 30 s by default), which bounds the whole stop, so Kestrel has
    /// time left to drain once the streams have ended.
    /// </remarks>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong with these options, judged alone and against the host's shutdown timeout; empty when valid.</summary>
    internal IEnumerable<string> Errors(TimeSpan hostShutdownTimeout)
    {
        if (Validity() is { } invalid)
        {
            yield return invalid;
        }
        if (ShutdownGracePeriod < TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(ShutdownGracePeriod)} must not be negative, got {ShutdownGracePeriod}";
        }
        else if (hostShutdownTimeout != Timeout.InfiniteTimeSpan && ShutdownGracePeriod >= hostShutdownTimeout)
        {
            yield return $"{SectionName}:{nameof(ShutdownGracePeriod)} ({ShutdownGracePeriod}) must be less than the host's shutdown timeout " +
                $"({hostShutdownTimeout}, configuration key shutdownTimeoutSeconds), so the streams end and Kestrel drains before the host gives up";
        }
    }

    internal void Validate()
    {
        if (Validity() is { } invalid)
        {
            throw new ArgumentException(invalid);
        }
    }

    private string? Validity() =>
        HistoryCapacity < 1 || HistoryLimit < HistoryCapacity || HistoryRetention < TimeSpan.Zero || QueueCapacity < 1
            || BookmarkInterval <= TimeSpan.Zero || MaxSubscriptions < 1 || ResourceVersionWait < TimeSpan.Zero
            ? "invalid watch options: capacities and the bookmark interval must be positive, HistoryLimit at least HistoryCapacity, " +
                "and HistoryRetention and ResourceVersionWait not negative"
            : null;
}
