namespace KubeRpc.Emulator.Http;

/// <summary>How many watch streams one emulator has open.</summary>
internal sealed class WatchCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Raised after each change, on the watch's thread; tests wait on it instead of polling <see cref="Count"/>.</summary>
    public event Action? Changed;

    public void Increment()
    {
        Interlocked.Increment(ref _count);
        Changed?.Invoke();
    }

    public void Decrement()
    {
        Interlocked.Decrement(ref _count);
        Changed?.Invoke();
    }
}
