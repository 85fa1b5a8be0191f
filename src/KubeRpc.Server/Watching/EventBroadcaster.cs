using System.Collections.Immutable;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Fans one informer's changes out to every watch stream of a kind (the kube-apiserver cacher's role): it keeps the
/// current state and a history of events for resumes, and queues each change for each subscriber it matches.
/// </summary>
/// <remarks>
/// <para><b>Never blocks the feed.</b> The informer calls <see cref="OnChange"/> under its lock; the broadcaster
/// only appends each change to every queue, without looking at a subscriber's filter: the stream judges the change
/// on its own thread (<see cref="WatchSubscriber{TProto,TEvent}.TryRead"/>), so nothing a caller controls runs under
/// either lock. A subscriber whose queue is full is ended (WATCH_TOO_SLOW) and resumes from its last version out of
/// the history.</para>
/// <para><b>Atomic start.</b> A new subscriber takes the state (or its replay from the history) and joins the fan-out
/// under the same lock as the fan-out itself, so no change is lost or doubled between them; the state is immutable,
/// so taking it costs nothing, and the stream filters it afterwards. The broadcaster keeps
/// its own state instead of reading the informer's store, whose snapshot may already include changes not yet
/// delivered (a relist applies all its changes before delivering them).</para>
/// <para><b>Shared messages.</b> Each stream message is built once per change and kind (<see cref="BroadcastEvent{TProto,TEvent}"/>).</para>
/// <para><b>Bookmarks from one timer.</b> As the cacher's bookmark timer does, one timer per kind queues a periodic
/// BOOKMARK for each subscriber that asked for them and has sent no message for the bookmark interval. Queued behind
/// every earlier change, a bookmark cannot overtake one; the stream sends it only if it is still idle when it reads
/// it, and a stream's wake-up costs no timer of its own.</para>
/// </remarks>
internal sealed class EventBroadcaster<TProto, TEvent> : IWatchSource<TProto, TEvent>, IEventBroadcaster, IDisposable
    where TProto : class
    where TEvent : class
{
    /// <summary>How often the bookmark timer looks for due subscribers; it sends up to one tick early, never late.</summary>
    private static readonly TimeSpan LongestTick = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly WatchEventFactory<TProto, TEvent> _factory;
    private readonly List<WatchSubscriber<TProto, TEvent>> _subscribers = [];
    private readonly List<ResourceChange<TProto>>? _early = [];
    private readonly InformerSubscription<TProto> _subscription;
    private readonly ITimer _bookmarkTimer;
    private readonly TimeSpan _bookmarkTick;
    private readonly IDisposable _queueMetrics;
    private ImmutableSortedDictionary<ObjectKey, CachedObject<TProto>> _state;
    private EventHistory<TProto, TEvent> _history;
    private long _resourceVersion;
    private long _newest;
    private int _relistChanges; // synthetic changes of the relist being broadcast, for its metric
    private bool _started;
    private bool _stopped;

    public EventBroadcaster(string kind, Func<Action<ResourceChange<TProto>>, InformerSubscription<TProto>> subscribe,
        WatchEventFactory<TProto, TEvent> factory, WatchOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Kind = kind;
        _factory = factory;
        _options = options;
        _time = time;
        _state = ImmutableSortedDictionary<ObjectKey, CachedObject<TProto>>.Empty;
        _history = new EventHistory<TProto, TEvent>(options, 0);
        _subscription = subscribe(OnChange);
        // Changes delivered between the informer's registration and here were parked in _early; they follow the snapshot.
        lock (_gate)
        {
            var snapshot = _subscription.Snapshot;
            _state = snapshot.List().ToImmutableSortedDictionary(o => o.Key, o => o);
            _resourceVersion = snapshot.ResourceVersion;
            _newest = _resourceVersion;
            _history = new EventHistory<TProto, TEvent>(options, _resourceVersion);
            _started = true;
            foreach (var change in _early!)
            {
                Publish(change);
            }
            _early.Clear();
        }
        _queueMetrics = WatchMetrics.TrackQueues(kind, ReadQueueDepth);
        // A tenth of a short interval (at least 1 ms), so a bookmark never comes much before its time.
        _bookmarkTick = TimeSpan.FromTicks(Math.Clamp(options.BookmarkInterval.Ticks / 10, TimeSpan.TicksPerMillisecond, LongestTick.Ticks));
        _bookmarkTimer = time.CreateTimer(static self => ((EventBroadcaster<TProto, TEvent>)self!).QueueBookmarks(), this,
            _bookmarkTick, _bookmarkTick);
    }

    public string Kind { get; }

    public WatchEventFactory<TProto, TEvent> Factory => _factory;

    public TimeProvider Time => _time;

    public TimeSpan BookmarkInterval => _options.BookmarkInterval;

    public TimeSpan BookmarkTick => _bookmarkTick;

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>The version of the last change received.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="subscriber"/> and returns what it must send before its queue: with
    /// <paramref name="initialEvents"/>, the matching objects as ADDED and the BOOKMARK that ends them; else the
    /// history after <paramref name="resumeFrom"/>. Throws OUT_OF_RANGE when that version left the history, and
    /// UNAVAILABLE when it is ahead of every change received (the caller waits for the cache to reach it first).
    /// </summary>
    public WatchStart<TProto, TEvent> Subscribe(WatchSubscriber<TProto, TEvent> subscriber, bool initialEvents, long resumeFrom)
    {
        WatchStart<TProto, TEvent> start;
        lock (_gate)
        {
            if (_stopped)
            {
                throw new WatchFailedException(WatchFailure.ShuttingDown, Kind, ResourceVersions.Format(resumeFrom));
            }
            if (initialEvents)
            {
                start = WatchStart<TProto, TEvent>.Initial(subscriber.Filter, _factory, _state, _resourceVersion);
            }
            else
            {
                if (resumeFrom > _newest)
                {
                    throw new WatchFailedException(WatchFailure.TooLargeResourceVersion, Kind, ResourceVersions.Format(resumeFrom)) { Current = _newest };
                }
                var check = _history.CheckResumeFrom(resumeFrom, subscriber.Filter);
                if (check != ResumeCheck.Exact)
                {
                    WatchMetrics.ResumeRefused(Kind, check);
                }
                switch (check)
                {
                    case ResumeCheck.TooOld:
                        throw new WatchFailedException(WatchFailure.Expired, Kind, ResourceVersions.Format(resumeFrom)) { Oldest = _history.Floor };
                    case ResumeCheck.Ambiguous:
                        throw new WatchFailedException(WatchFailure.Ambiguous, Kind, ResourceVersions.Format(resumeFrom));
                    case ResumeCheck.Collapsed:
                        throw new WatchFailedException(WatchFailure.Collapsed, Kind, ResourceVersions.Format(resumeFrom));
                }
                start = WatchStart<TProto, TEvent>.Replay(subscriber.Filter, _factory, [.. _history.After(resumeFrom)]);
            }
            subscriber.Join(this);
            _subscribers.Add(subscriber);
        }
        return start;
    }

    public void Unsubscribe(WatchSubscriber<TProto, TEvent> subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>What the subscribers' queues hold now, for the queue metrics.</summary>
    public QueueDepth ReadQueueDepth()
    {
        lock (_gate)
        {
            long total = 0;
            var deepest = 0;
            foreach (var subscriber in _subscribers)
            {
                var queued = subscriber.Queued;
                total += queued;
                deepest = Math.Max(deepest, queued);
            }
            return new QueueDepth(total, deepest);
        }
    }

    /// <summary>Ends every stream with UNAVAILABLE and refuses new ones (server shutdown).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.End(WatchEnd.ShuttingDown);
            }
            _subscribers.Clear();
        }
    }

    public void Dispose()
    {
        _queueMetrics.Dispose();
        _bookmarkTimer.Dispose();
        _subscription.Dispose();
        Stop();
    }

    /// <summary>The informer's handler: runs under the informer's lock, so it only updates memory and queues.</summary>
    private void OnChange(ResourceChange<TProto> change)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _early!.Add(change);
                return;
            }
            Publish(change);
        }
    }

    private void Publish(ResourceChange<TProto> change)
    {
        _state = change.Type switch
        {
            ResourceChangeType.Added or ResourceChangeType.Modified => _state.SetItem(change.Current!.Key, change.Current),
            ResourceChangeType.Deleted when change.Key is { } key => _state.Remove(key),
            _ => _state,
        };
        _resourceVersion = change.ResourceVersion;
        _newest = Math.Max(_newest, change.ResourceVersion);
        if (change.Synthetic)
        {
            _relistChanges += change.Type == ResourceChangeType.Bookmark ? 0 : 1;
            if (change.EndsRelist)
            {
                WatchMetrics.RelistBroadcast(Kind, _relistChanges);
                _relistChanges = 0;
            }
        }
        var e = new BroadcastEvent<TProto, TEvent>(change, _time.GetUtcNow());
        _history.Add(e);
        List<WatchSubscriber<TProto, TEvent>>? slow = null;
        foreach (var subscriber in _subscribers)
        {
            if (!subscriber.TryEnqueue(e))
            {
                subscriber.End(WatchEnd.TooSlow);
                (slow ??= []).Add(subscriber);
            }
        }
        if (slow is not null)
        {
            _subscribers.RemoveAll(slow.Contains);
        }
    }

    /// <summary>
    /// The bookmark timer's work: a BOOKMARK at the latest version for each subscriber that asked for bookmarks and
    /// will have sent nothing for the interval by the next tick, so none goes longer than the interval without a
    /// message. It is queued behind whatever the subscriber has not read yet; the stream drops it if it sent
    /// something meanwhile.
    /// </summary>
    private void QueueBookmarks()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            var now = _time.GetUtcNow();
            BroadcastEvent<TProto, TEvent>? bookmark = null;
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.Filter.Bookmarks || subscriber.LastSent + _options.BookmarkInterval > now + _bookmarkTick)
                {
                    continue;
                }
                bookmark ??= new BroadcastEvent<TProto, TEvent>(new ResourceChange<TProto>(ResourceChangeType.Bookmark, null, null, _resourceVersion),
                    now, periodic: true);
                subscriber.QueuePeriodicBookmark(bookmark);
            }
        }
    }
}
