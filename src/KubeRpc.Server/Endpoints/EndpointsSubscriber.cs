using System.Threading.Channels;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Endpoints;

/// <summary>
/// One WatchServiceEndpoints stream as the index sees it: not a queue of changes but a wake-up. The index notifies it
/// of each change of its Service's inputs; the stream then takes the newest set, so any number of changes made while it
/// was writing cost one message (coalescing), and it is never more than one set behind.
/// </summary>
/// <remarks>
/// Bounded like a watch queue: a stream that has not caught up through <c>Watch:QueueCapacity</c> changes (a client that
/// stopped reading holds its write forever) is ended as too slow, and its slot freed at once.
/// </remarks>
internal sealed class EndpointsSubscriber : IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly CancellationTokenSource _abort = new();
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private long _lastSentTicks;
    private int _behind;
    private int _bookmarkDue;
    private int _ended;

    public EndpointsSubscriber(EndpointsEntry entry, bool bookmarks, int capacity, WatchSlot slot, TimeProvider time)
    {
        (Entry, Bookmarks, _capacity, Slot, _time) = (entry, bookmarks, capacity, slot, time);
        Sent();
    }

    public EndpointsEntry Entry { get; }

    public bool Bookmarks { get; }

    public WatchSlot Slot { get; }

    public WatchEnd Ended => (WatchEnd)Volatile.Read(ref _ended);

    /// <summary>Cancelled (asynchronously) when the stream is ended, so a write in progress can be abandoned.</summary>
    public CancellationToken Aborted => _abort.Token;

    public DateTimeOffset LastSent => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);

    /// <summary>The index's, under its lock: the Service's inputs changed.</summary>
    public void Notify()
    {
        if (Interlocked.Increment(ref _behind) > _capacity)
        {
            End(WatchEnd.TooSlow);
            return;
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>The index's bookmark timer: the stream has been quiet for the bookmark interval.</summary>
    public void QueueBookmark()
    {
        Volatile.Write(ref _bookmarkDue, 1);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits for a change or a due bookmark; false once the stream is ended.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        while (await _wake.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_wake.Reader.TryRead(out _))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The stream is about to take the newest set: every change so far is in it.</summary>
    public void CaughtUp() => Volatile.Write(ref _behind, 0);

    public bool TakeBookmark() => Interlocked.Exchange(ref _bookmarkDue, 0) == 1;

    public void Sent() => Interlocked.Exchange(ref _lastSentTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Ends the stream: the slot is freed at once and the writer reports <paramref name="why"/>.</summary>
    public void End(WatchEnd why)
    {
        if (Interlocked.CompareExchange(ref _ended, (int)why, (int)WatchEnd.None) != (int)WatchEnd.None)
        {
            return;
        }
        _wake.Writer.TryComplete();
        Slot.Release(why);
        _ = _abort.CancelAsync();
    }

    public void Dispose() => _abort.Dispose();
}
