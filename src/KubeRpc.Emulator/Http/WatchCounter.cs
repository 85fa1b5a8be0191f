namespace KubeRpc.Emulator.Http;

/// <summary>How many watch streams one emulator has open.</summary>
internal sealed class WatchCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    public void Decrement() => Interlocked.Decrement(ref _count);
}
