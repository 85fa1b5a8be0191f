using System.Threading.Channels;

namespace KubeRpc.Server.Watching;

/// <summary>A message queued for one subscriber, with its version for the error that may end the stream.</summary>
internal readonly record struct WatchItem<TEvent>(TEvent Message, string ResourceVersion);

/// <summary>Why the broadcaster ended a subscriber.</summary>
internal enum WatchEnd
{
    None,
    TooSlow,
    ShuttingDown,
}

/// <summary>
/// One open watch: its filter and its bounded queue. The broadcaster writes under its lock and never waits;
/// the stream's writer loop is the single reader.
/// </summary>
internal sealed class WatchSubscriber<TEvent>
{
    private readonly Channel<WatchItem<TEvent>> _queue;
    private int _ended;

    public WatchSubscriber(WatchFilter filter, int capacity, long skipThrough = 0)
    {
        Filter = filter;
        SkipThrough = skipThrough;
        _queue = Channel.CreateBounded<WatchItem<TEvent>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public WatchFilter Filter { get; }

    /// <summary>Live changes at or below this version are already known to the client (a resume ahead of the cache).</summary>
    public long SkipThrough { get; }

    public ChannelReader<WatchItem<TEvent>> Reader => _queue.Reader;

    public int Queued => _queue.Reader.Count;

    /// <summary>When the next periodic bookmark is due if nothing is queued before; the broadcaster's, under its lock.</summary>
    public DateTimeOffset BookmarkDue { get; set; }

    public WatchEnd Ended => (WatchEnd)Volatile.Read(ref _ended);

    /// <summary>Queues without waiting; false when the queue is full (the caller then ends the subscriber).</summary>
    public bool TryEnqueue(WatchItem<TEvent> item) => _queue.Writer.TryWrite(item);

    /// <summary>Ends the stream: the writer loop stops at once, without draining, and reports <paramref name="why"/>.</summary>
    public void End(WatchEnd why)
    {
        if (Interlocked.CompareExchange(ref _ended, (int)why, (int)WatchEnd.None) == (int)WatchEnd.None)
        {
            _queue.Writer.TryComplete();
        }
    }
}
