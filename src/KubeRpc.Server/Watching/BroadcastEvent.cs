using KubeRpc.Server.Caching;
using KubeRpc.V1;

namespace KubeRpc.Server.Watching;

/// <summary>Builds the stream message of a kind (e.g. a <c>ServiceEvent</c>) from its parts.</summary>
internal delegate TEvent WatchEventFactory<TProto, out TEvent>(EventType type, CachedObject<TProto>? item, string resourceVersion, bool initialEventsEnd)
    where TProto : class;

/// <summary>
/// One informer change as the broadcaster keeps it: the change, its version as text, and each message built
/// from it at most once, then shared by every subscriber and every replay that sends it.
/// </summary>
internal sealed class BroadcastEvent<TProto, TEvent>(ResourceChange<TProto> change, DateTimeOffset received)
    where TProto : class
    where TEvent : class
{
    private readonly TEvent?[] _messages = new TEvent?[6];

    public ResourceChange<TProto> Change { get; } = change;

    public long ResourceVersionNumber => Change.ResourceVersion;

    public string ResourceVersion { get; } = ResourceVersions.Format(change.ResourceVersion);

    /// <summary>When the broadcaster received it, for the history's time-based retention.</summary>
    public DateTimeOffset Received { get; } = received;

    /// <summary>The message for <paramref name="kind"/>; the caller holds the broadcaster's lock.</summary>
    public TEvent Message(WatchEventKind kind, WatchEventFactory<TProto, TEvent> factory) =>
        _messages[(int)kind] ??= kind switch
        {
            WatchEventKind.Added => factory(EventType.Added, Change.Current!, ResourceVersion, false),
            WatchEventKind.Modified => factory(EventType.Modified, Change.Current!, ResourceVersion, false),
            WatchEventKind.DeletedCurrent => factory(EventType.Deleted, Change.Current!, ResourceVersion, false),
            WatchEventKind.DeletedPrevious => factory(EventType.Deleted, Change.Previous!, ResourceVersion, false),
            WatchEventKind.Bookmark => factory(EventType.Bookmark, null, ResourceVersion, false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
}
