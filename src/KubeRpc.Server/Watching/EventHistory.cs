namespace KubeRpc.Server.Watching;

/// <summary>
/// The recent events of one kind, oldest first, for resuming watches: it keeps at least
/// <see cref="WatchOptions.HistoryCapacity"/> events and every event younger than
/// <see cref="WatchOptions.HistoryRetention"/>, never more than <see cref="WatchOptions.HistoryLimit"/>.
/// Not thread-safe: the broadcaster's lock guards it.
/// </summary>
internal sealed class EventHistory<TProto, TEvent>(WatchOptions options, long startResourceVersion)
    where TProto : class
    where TEvent : class
{
    private readonly Queue<BroadcastEvent<TProto, TEvent>> _events = new();

    public int Count => _events.Count;

    /// <summary>
    /// The oldest version a watch can resume from: every change after it is still held. It is the version of the
    /// last event dropped (or where the history began).
    /// </summary>
    public long Floor { get; private set; } = startResourceVersion;

    public void Add(BroadcastEvent<TProto, TEvent> item)
    {
        _events.Enqueue(item);
        var cutoff = item.Received - options.HistoryRetention;
        while (_events.Count > options.HistoryLimit
               || (_events.Count > options.HistoryCapacity && _events.Peek().Received < cutoff))
        {
            Floor = _events.Dequeue().ResourceVersionNumber;
        }
    }

    /// <summary>Whether every change after <paramref name="resourceVersion"/> is still held.</summary>
    public bool CanResumeFrom(long resourceVersion) => resourceVersion >= Floor;

    /// <summary>The events after <paramref name="resourceVersion"/>, oldest first.</summary>
    public IEnumerable<BroadcastEvent<TProto, TEvent>> After(long resourceVersion) =>
        _events.Where(e => e.ResourceVersionNumber > resourceVersion);
}
