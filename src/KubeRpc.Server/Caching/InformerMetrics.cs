namespace KubeRpc.Server.Caching;

/// <summary>
/// Counters of one informer, updated lock-free by its reflectors and readable at any time (the integrator
/// exports them as metrics).
/// </summary>
internal sealed class InformerMetrics
{
    private readonly long[] _restarts = new long[Enum.GetValues<WatchRestartCause>().Length];
    private long _lists;
    private long _relists;
    private long _listFailures;
    private long _events;
    private long _lastEventTicks;

    /// <summary>Full LISTs completed, including each reflector's initial one.</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Full LISTs after the initial one (after a 410, or after a failed list was retried from scratch).</summary>
    public long Relists => Interlocked.Read(ref _relists);

    /// <summary>LIST attempts that failed (any page).</summary>
    public long ListFailures => Interlocked.Read(ref _listFailures);

    /// <summary>Watch events received, bookmarks included.</summary>
    public long EventsReceived => Interlocked.Read(ref _events);

    /// <summary>When the last watch event or bookmark arrived; null before the first.</summary>
    public DateTimeOffset? LastEventTime
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastEventTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public long WatchRestarts(WatchRestartCause cause) => Interlocked.Read(ref _restarts[(int)cause]);

    public IReadOnlyDictionary<WatchRestartCause, long> WatchRestartsByCause =>
        Enum.GetValues<WatchRestartCause>().ToDictionary(c => c, WatchRestarts);

    /// <summary>Raised on the reflector's thread after each watch restart is counted; handlers must be quick.</summary>
    public event Action<WatchRestartCause>? WatchRestarted;

    internal void ListCompleted(bool initial)
    {
        Interlocked.Increment(ref _lists);
        if (!initial)
        {
            Interlocked.Increment(ref _relists);
        }
    }

    internal void ListFailed() => Interlocked.Increment(ref _listFailures);

    internal void EventReceived(DateTimeOffset at)
    {
        Interlocked.Increment(ref _events);
        Interlocked.Exchange(ref _lastEventTicks, at.UtcTicks);
    }

    internal void Restarted(WatchRestartCause cause)
    {
        Interlocked.Increment(ref _restarts[(int)cause]);
        WatchRestarted?.Invoke(cause);
    }
}
