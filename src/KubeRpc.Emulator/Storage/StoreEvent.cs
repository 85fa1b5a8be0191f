namespace KubeRpc.Emulator.Storage;

/// <summary>
/// One change in a resource's history: the object after the change (for DELETED, its last state stamped with
/// the deletion's resourceVersion) and the object before it, so watchers with selectors can tell when an
/// object starts or stops matching.
/// </summary>
internal sealed class StoreEvent
{
    private byte[]? _line;

    public StoreEvent(WatchEventType type, StoredObject current, StoredObject? previous, DateTime time)
    {
        Type = type;
        Current = current;
        Previous = previous;
        Time = time;
    }

    public WatchEventType Type { get; }

    public StoredObject Current { get; }

    public StoredObject? Previous { get; }

    public DateTime Time { get; }

    public long ResourceVersion => Current.ResourceVersion;

    /// <summary>The JSON watch line for this event as it happened, serialised once for every watcher that gets it.</summary>
    public byte[] Line => _line ??= WatchLines.Event(Type, Current.Json);
}
