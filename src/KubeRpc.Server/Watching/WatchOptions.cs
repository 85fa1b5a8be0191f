namespace KubeRpc.Server.Watching;

/// <summary>How watch streams buffer, replay and pace their events (configuration section <c>Watch</c>).</summary>
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

    /// <summary>Most watch streams open at once on this replica, over every kind.</summary>
    public int MaxSubscriptions { get; set; } = 10_000;

    internal void Validate()
    {
        if (HistoryCapacity < 1 || HistoryLimit < HistoryCapacity || HistoryRetention < TimeSpan.Zero || QueueCapacity < 1
            || BookmarkInterval <= TimeSpan.Zero || MaxSubscriptions < 1)
        {
            throw new ArgumentException("invalid watch options: capacities and the bookmark interval must be positive, " +
                "HistoryLimit at least HistoryCapacity, and HistoryRetention not negative");
        }
    }
}
