namespace KubeRpc.Server.Caching;

/// <summary>
/// A registered change handler and the snapshot taken atomically with its registration: the handler receives
/// exactly the changes after <see cref="Snapshot"/>. Dispose to stop receiving them.
/// </summary>
internal sealed class InformerSubscription<TProto> : IDisposable where TProto : class
{
    private Action? _unsubscribe;

    internal InformerSubscription(StoreSnapshot<TProto> snapshot, Action unsubscribe)
    {
        Snapshot = snapshot;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The cache as it was when the handler was registered.</summary>
    public StoreSnapshot<TProto> Snapshot { get; }

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
