namespace KubeRpc.Server.Watching;

/// <summary>Counts open watch streams of every kind against <see cref="WatchOptions.MaxSubscriptions"/>.</summary>
internal sealed class WatchLimiter(int limit)
{
    private int _open;

    public int Limit => limit;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot; false when every slot is taken.</summary>
    public bool TryAcquire()
    {
        if (Interlocked.Increment(ref _open) <= limit)
        {
            return true;
        }
        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _open);
}
