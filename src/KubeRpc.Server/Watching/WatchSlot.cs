namespace KubeRpc.Server.Watching;

/// <summary>
/// One watch stream's place in <see cref="WatchLimiter"/> and in the open-streams gauge. It is given back once, by
/// whoever ends the stream first: the broadcaster that ends a slow subscriber frees it at once, without waiting for
/// the stream's writer, which may be stuck in a write to a client that stopped reading.
/// </summary>
internal sealed class WatchSlot
{
    private readonly WatchLimiter? _limiter;
    private readonly string _kind;
    private int _released;

    private WatchSlot(WatchLimiter? limiter, string kind)
    {
        _limiter = limiter;
        _kind = kind;
        if (limiter is not null)
        {
            WatchMetrics.Opened(kind, 1);
        }
    }

    /// <summary>A slot, or null when every slot is taken.</summary>
    public static WatchSlot? TryTake(WatchLimiter limiter, string kind) => limiter.TryAcquire() ? new WatchSlot(limiter, kind) : null;

    /// <summary>A slot of no limiter, counted in no metric: for a subscriber outside the Watch RPC (tests).</summary>
    public static WatchSlot Detached() => new(null, "");

    public bool Released => Volatile.Read(ref _released) != 0;

    /// <summary>Gives the slot back for a stream the server ended, counted under the metric's cause for <paramref name="why"/>.</summary>
    public void Release(WatchEnd why) => Release(why switch
    {
        WatchEnd.TooSlow => "too_slow",
        WatchEnd.AccessRevoked => "access_revoked",
        _ => "shutting_down",
    });

    /// <summary>Gives the slot back for a stream that failed to start or continue, counted under the metric's cause for it.</summary>
    public void Release(WatchFailure failure) => Release(failure switch
    {
        WatchFailure.Expired or WatchFailure.Ambiguous or WatchFailure.Collapsed => "expired",
        WatchFailure.TooLargeResourceVersion => "resource_version_too_large",
        WatchFailure.ShuttingDown => "shutting_down",
        _ => null,
    });

    /// <summary>Gives the slot back; the first call counts the stream as ended by <paramref name="cause"/> (none: the client left).</summary>
    public void Release(string? cause = null)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0 || _limiter is null)
        {
            return;
        }
        _limiter.Release();
        WatchMetrics.Opened(_kind, -1);
        if (cause is not null)
        {
            WatchMetrics.EndedBy(_kind, cause);
        }
    }
}
