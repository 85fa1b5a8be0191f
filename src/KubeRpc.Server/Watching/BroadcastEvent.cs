using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.V1;

namespace KubeRpc.Server.Watching;

/// <summary>Builds the stream message of a kind (e.g. a <c>ServiceEvent</c>) from its parts.</summary>
/// <param name="relistBatch">The change is one of a relist's batch (<c>relist_batch</c>): not a resume point.</param>
internal delegate TEvent WatchEventFactory<TProto, out TEvent>(EventType type, CachedObject<TProto>? item, string resourceVersion, bool initialEventsEnd,
    bool relistBatch)
    where TProto : class;

/// <summary>
/// One informer change as the broadcaster keeps it: the change, its version as text, and each message built from it
/// at most once, then shared by every subscriber and every replay that sends it.
/// </summary>
internal sealed class BroadcastEvent<TProto, TEvent>(ResourceChange<TProto> change, DateTimeOffset received, bool periodic = false)
    where TProto : class
    where TEvent : class
{
    private readonly TEvent?[] _messages = new TEvent?[6];

    public ResourceChange<TProto> Change { get; } = change;

    public long ResourceVersionNumber => Change.ResourceVersion;

    public string ResourceVersion { get; } = ResourceVersions.Format(change.ResourceVersion);

    /// <summary>When the broadcaster received it, for the history's time-based retention.</summary>
    public DateTimeOffset Received { get; } = received;

    /// <summary>A periodic BOOKMARK from the bookmark timer (not a change): a stream sends it only if it has been idle.</summary>
    public bool Periodic { get; } = periodic;

    /// <summary>The message for <paramref name="kind"/>; streams build it on their own threads, the first one's is kept.</summary>
    public TEvent Message(WatchEventKind kind, WatchEventFactory<TProto, TEvent> factory)
    {
        ref var slot = ref _messages[(int)kind];
        if (Volatile.Read(ref slot) is { } built)
        {
            return built;
        }
        // A relist's synthetic changes are marked, so a client cut inside the batch knows it must list again; the
        // bookmark that closes the batch is an ordinary resume point.
        var batch = Change.Synthetic;
        var message = kind switch
        {
            WatchEventKind.Added => factory(EventType.Added, Change.Current!, ResourceVersion, false, batch),
            WatchEventKind.Modified => factory(EventType.Modified, Change.Current!, ResourceVersion, false, batch),
            WatchEventKind.DeletedCurrent => factory(EventType.Deleted, Change.Current!, ResourceVersion, false, batch),
            WatchEventKind.DeletedPrevious => factory(EventType.Deleted, Change.Previous!, ResourceVersion, false, batch),
            WatchEventKind.Bookmark => factory(EventType.Bookmark, null, ResourceVersion, false, false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return Interlocked.CompareExchange(ref slot, message, null) ?? message;
    }
}
