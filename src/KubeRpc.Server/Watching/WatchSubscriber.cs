using System.Threading.Channels;

namespace KubeRpc.Server.Watching;

/// <summary>A message for one stream, with its version for the error that may end the stream.</summary>
internal readonly record struct WatchItem<TEvent>(TEvent Message, string ResourceVersion);

/// <summary>Why the broadcaster ended a subscriber.</summary>
internal enum WatchEnd
{
    None,
    TooSlow,
    ShuttingDown,

    /// <summary>The caller lost access to what it watches (Grpc/Access/AccessInterceptor.cs watches over it).</summary>
    AccessRevoked,
}

/// <summary>
/// One open watch: its filter and its bounded queue. The broadcaster appends every change under its lock and never
/// waits or looks at the filter; the stream's writer is the single reader, and judges each change through the filter
/// on its own thread (<see cref="TryRead"/>), so no caller-controlled work runs under the informer's or broadcaster's
/// locks (kube-apiserver's cacher filters on each watcher's goroutine the same way).
/// </summary>
internal sealed class WatchSubscriber<TProto, TEvent> : IDisposable
    where TProto : class
    where TEvent : class
{
    private readonly Channel<BroadcastEvent<TProto, TEvent>> _queue;
    private readonly CancellationTokenSource _abort = new();
    private IWatchSource<TProto, TEvent>? _source;
    private long _lastSentTicks;
    private int _bookmarkQueued;
    private int _ended;

    public WatchSubscriber(WatchFilter filter, int capacity, WatchSlot? slot = null)
    {
        Filter = filter;
        Slot = slot ?? WatchSlot.Detached();
        _queue = Channel.CreateBounded<BroadcastEvent<TProto, TEvent>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public WatchFilter Filter { get; }

    public WatchSlot Slot { get; }

    /// <summary>Cancelled (asynchronously) when the broadcaster ends the stream, so the stream can reset a write in progress.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Changes queued, matching or not, that the stream has not read yet.</summary>
    public int Queued => _queue.Reader.Count;

    public WatchEnd Ended => (WatchEnd)Volatile.Read(ref _ended);

    /// <summary>When the stream last sent a message (or joined); periodic bookmarks count from here.</summary>
    public DateTimeOffset LastSent => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);

    /// <summary>Set by the broadcaster when the subscriber joins: the message factory, clock and bookmark period.</summary>
    internal void Join(IWatchSource<TProto, TEvent> source)
    {
        _source = source;
        Interlocked.Exchange(ref _lastSentTicks, source.Time.GetUtcNow().UtcTicks);
    }

    /// <summary>Queues without waiting; false when the queue is full (the caller then ends the subscriber).</summary>
    public bool TryEnqueue(BroadcastEvent<TProto, TEvent> e) => _queue.Writer.TryWrite(e);

    /// <summary>Queues the timer's periodic bookmark unless one is already waiting; the broadcaster's, under its lock.</summary>
    public void QueuePeriodicBookmark(BroadcastEvent<TProto, TEvent> bookmark)
    {
        if (Interlocked.Exchange(ref _bookmarkQueued, 1) == 0 && !_queue.Writer.TryWrite(bookmark))
        {
            Interlocked.Exchange(ref _bookmarkQueued, 0);
        }
    }

    /// <summary>
    /// The next message this stream sends: the next queued change as the filter shows it (changes it does not show are
    /// skipped), or a periodic bookmark if the stream has sent nothing for the bookmark interval.
    /// </summary>
    public bool TryRead(out WatchItem<TEvent> item)
    {
        var source = _source ?? throw new InvalidOperationException("the subscriber has not joined a broadcaster");
        while (Ended == WatchEnd.None && _queue.Reader.TryRead(out var e))
        {
            WatchEventKind kind;
            if (e.Periodic)
            {
                Interlocked.Exchange(ref _bookmarkQueued, 0);
                kind = Filter.Bookmarks && source.Time.GetUtcNow() >= LastSent + source.BookmarkInterval - source.BookmarkTick
                    ? WatchEventKind.Bookmark
                    : WatchEventKind.None;
            }
            else
            {
                kind = Filter.Translate(e.Change);
            }
            if (kind == WatchEventKind.None)
            {
                continue;
            }
            item = new WatchItem<TEvent>(e.Message(kind, source.Factory), e.ResourceVersion);
            Sent();
            return true;
        }
        item = default;
        return false;
    }

    /// <summary>Completes when there is something to read, or with false once the queue is closed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Records that the stream sent a message now (one that did not come through <see cref="TryRead"/>).</summary>
    public void Sent() => Interlocked.Exchange(ref _lastSentTicks, (_source?.Time ?? TimeProvider.System).GetUtcNow().UtcTicks);

    /// <summary>
    /// Ends the stream: the slot is freed at once, the writer stops without draining and reports <paramref name="why"/>, and
    /// a write it is blocked in is abandoned. May run under the broadcaster's lock, so the cancellation runs elsewhere.
    /// </summary>
    public void End(WatchEnd why)
    {
        if (Interlocked.CompareExchange(ref _ended, (int)why, (int)WatchEnd.None) != (int)WatchEnd.None)
        {
            return;
        }
        _queue.Writer.TryComplete();
        Slot.Release(why);
        _ = _abort.CancelAsync();
    }

    public void Dispose() => _abort.Dispose();
}

/// <summary>What a subscriber needs from its broadcaster to read: the message factory, the clock and the bookmark period.</summary>
internal interface IWatchSource<TProto, TEvent>
    where TProto : class
    where TEvent : class
{
    WatchEventFactory<TProto, TEvent> Factory { get; }

    TimeProvider Time { get; }

    TimeSpan BookmarkInterval { get; }

    /// <summary>How early a periodic bookmark may be: one tick of the timer.</summary>
    TimeSpan BookmarkTick { get; }
}
