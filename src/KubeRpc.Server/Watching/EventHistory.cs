using KubeRpc.Server.Caching;

namespace KubeRpc.Server.Watching;

/// <summary>Whether a watch can resume from a version out of the history.</summary>
internal enum ResumeCheck
{
    /// <summary>The events after the version are exactly the ones a client at that version lacks.</summary>
    Exact,

    /// <summary>Changes after the version have left the history.</summary>
    TooOld,

    /// <summary>
    /// The client's place in the stream cannot be told from its version: changes at or below it arrived after newer
    /// ones (namespaces watched separately).
    /// </summary>
    Ambiguous,

    /// <summary>
    /// The version lies where a relist of the cache collapsed the changes (from the cache's version before the relist,
    /// which the batch's changes carry, up to the relist's): the changes a client at that version lacks are not known.
    /// </summary>
    Collapsed,
}

/// <summary>
/// The recent events of one kind in the order they arrived, for resuming watches: it keeps at least
/// <see cref="WatchOptions.HistoryCapacity"/> events and every event younger than
/// <see cref="WatchOptions.HistoryRetention"/>, never more than <see cref="WatchOptions.HistoryLimit"/>.
/// Not thread-safe: the broadcaster's lock guards it.
/// </summary>
internal sealed class EventHistory<TProto, TEvent>(WatchOptions options, long startResourceVersion)
    where TProto : class
    where TEvent : class
{
    private readonly Queue<BroadcastEvent<TProto, TEvent>> _events = new();
    private BroadcastEvent<TProto, TEvent>? _newest;

    // Neighbours whose version goes down in arrival order. With one watch per kind there are none; with one per
    // namespace, changes of different namespaces interleave out of order.
    private int _inversions;

    public int Count => _events.Count;

    /// <summary>
    /// The oldest version a watch can resume from: every change after it is still held. It is the newest version
    /// of the events dropped (or where the history began).
    /// </summary>
    public long Floor { get; private set; } = startResourceVersion;

    public void Add(BroadcastEvent<TProto, TEvent> item)
    {
        if (_newest is not null && item.ResourceVersionNumber < _newest.ResourceVersionNumber)
        {
            _inversions++;
        }
        _newest = item;
        _events.Enqueue(item);
        var cutoff = item.Received - options.HistoryRetention;
        while (_events.Count > options.HistoryLimit
               || (_events.Count > options.HistoryCapacity && _events.Peek().Received < cutoff))
        {
            var dropped = _events.Dequeue();
            if (_events.TryPeek(out var next) && next.ResourceVersionNumber < dropped.ResourceVersionNumber)
            {
                _inversions--;
            }
            Floor = Math.Max(Floor, dropped.ResourceVersionNumber);
        }
    }

    /// <summary>
    /// Whether <see cref="After"/> gives a client whose last version is <paramref name="resourceVersion"/> every
    /// change it lacks and none it has. The client may stand anywhere a message with that version was sent, or hold a
    /// state read at it. That is exact when no change at or below the version arrived after a newer one, and the
    /// version is not inside a relist: after the version the relist started from and before the relist's own, or at
    /// the version it started from when the batch (which carries that version) holds a change that
    /// <paramref name="filter"/> shows, since a client there may have received part of it. A client whose filter sees
    /// nothing of the batch, or that resumes from the relist's own version, is not told to list again.
    /// </summary>
    public ResumeCheck CheckResumeFrom(long resourceVersion, WatchFilter filter)
    {
        if (resourceVersion < Floor)
        {
            return ResumeCheck.TooOld;
        }
        var position = 0;
        var firstAtVersion = -1;
        var lastChangeAtOrBelow = -1;
        var seenNewer = false;
        var batchShownAtVersion = false;
        foreach (var e in _events)
        {
            if (e.Change.RelistFrom is { } from && resourceVersion < e.ResourceVersionNumber
                && (from < resourceVersion || (from == resourceVersion && batchShownAtVersion)))
            {
                return ResumeCheck.Collapsed;
            }
            if (e.Change.Synthetic && e.ResourceVersionNumber == resourceVersion && e.Change.Type != ResourceChangeType.Bookmark
                && filter.Translate(e.Change) != WatchEventKind.None)
            {
                batchShownAtVersion = true;
            }
            var isChange = e.Change.Type != ResourceChangeType.Bookmark;
            if (e.ResourceVersionNumber > resourceVersion)
            {
                if (_inversions == 0)
                {
                    // In version order nothing at or below it follows (and a relist that spans it ends right here).
                    break;
                }
                seenNewer = true;
            }
            else
            {
                if (seenNewer && isChange)
                {
                    return ResumeCheck.Ambiguous;
                }
                if (e.ResourceVersionNumber == resourceVersion && firstAtVersion < 0)
                {
                    firstAtVersion = position;
                }
                // A relist's batch shares the version before it on purpose; the relist check above judges a client there.
                if (isChange && !(e.Change.Synthetic && e.ResourceVersionNumber == resourceVersion))
                {
                    lastChangeAtOrBelow = position;
                }
            }
            position++;
        }
        if (batchShownAtVersion)
        {
            // A batch still arriving (its bookmark not here yet), of which this client may have received part.
            return ResumeCheck.Collapsed;
        }
        // A change at or below the version after the first message at it: with namespaces watched apart, a client
        // standing at that message lacks it, one standing after it has it.
        return firstAtVersion >= 0 && lastChangeAtOrBelow > firstAtVersion ? ResumeCheck.Ambiguous : ResumeCheck.Exact;
    }

    /// <summary>The events after <paramref name="resourceVersion"/>, in the order they arrived.</summary>
    public IEnumerable<BroadcastEvent<TProto, TEvent>> After(long resourceVersion) =>
        _events.Where(e => e.ResourceVersionNumber > resourceVersion);
}
