using KubeRpc.Machinery.Selection;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using KubeRpc.V1;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.UnitTests.Watching;

/// <summary>The broadcaster's bookmark timer: who gets a periodic BOOKMARK, when, and at which version.</summary>
public sealed class PeriodicBookmarkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();

    private static WatchSubscriber<string, TestEvent> Subscriber(bool bookmarks) =>
        new(new WatchFilter(null, LabelSelector.Parse(""), FieldSelector.Parse(""), bookmarks), 10);

    private BroadcasterHarness Harness() => new(new WatchOptions { BookmarkInterval = Interval }, time: _clock);

    [Fact]
    public void Idle_ForTheInterval_OneBookmarkAtTheLatestVersion_OnlyWhenAskedFor()
    {
        using var h = Harness();
        var asked = Subscriber(bookmarks: true);
        var notAsked = Subscriber(bookmarks: false);
        h.Broadcaster.Subscribe(asked, initialEvents: true, resumeFrom: 0);
        h.Broadcaster.Subscribe(notAsked, initialEvents: true, resumeFrom: 0);
        h.Apply(ResourceChangeType.Added, "a", 4);
        BroadcasterHarness.Drain(asked);
        BroadcasterHarness.Drain(notAsked);

        _clock.Advance(Interval - TimeSpan.FromSeconds(2));
        Assert.Empty(BroadcasterHarness.Drain(asked));

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([new TestEvent(EventType.Bookmark, null, "4", false)], BroadcasterHarness.Drain(asked));
        Assert.Empty(BroadcasterHarness.Drain(notAsked));

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(BroadcasterHarness.Drain(asked));
    }

    [Fact]
    public void EventQueued_ResetsTheInterval()
    {
        using var h = Harness();
        var subscriber = Subscriber(bookmarks: true);
        h.Broadcaster.Subscribe(subscriber, initialEvents: true, resumeFrom: 0);

        _clock.Advance(Interval - TimeSpan.FromSeconds(5));
        h.Apply(ResourceChangeType.Added, "a", 7);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["Added"], BroadcasterHarness.Drain(subscriber).Select(e => e.Type.ToString()));
        _clock.Advance(Interval);
        Assert.Equal([new TestEvent(EventType.Bookmark, null, "7", false)], BroadcasterHarness.Drain(subscriber));
    }

    [Fact]
    public void EventsStillQueued_BookmarkComesAnIntervalAfterTheyAreSent()
    {
        using var h = Harness();
        var subscriber = Subscriber(bookmarks: true);
        h.Broadcaster.Subscribe(subscriber, initialEvents: true, resumeFrom: 0);
        h.Apply(ResourceChangeType.Added, "a", 2);

        _clock.Advance(Interval * 3);

        // The stream sends the event only now: a bookmark queued behind it would only repeat what the event says.
        Assert.Equal(["Added 2"], BroadcasterHarness.Drain(subscriber).Select(e => $"{e.Type} {e.ResourceVersion}"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(BroadcasterHarness.Drain(subscriber));
        _clock.Advance(Interval);
        Assert.Equal([new TestEvent(EventType.Bookmark, null, "2", false)], BroadcasterHarness.Drain(subscriber));
    }

    [Fact]
    public void ChangesTheFilterHides_DoNotDelayTheBookmark()
    {
        using var h = Harness();
        var subscriber = new WatchSubscriber<string, TestEvent>(
            new WatchFilter(null, LabelSelector.Parse("app=web"), FieldSelector.Parse(""), bookmarks: true), 100);
        h.Broadcaster.Subscribe(subscriber, initialEvents: true, resumeFrom: 0);
        BroadcasterHarness.Drain(subscriber);

        // Another app changes every second: the queue is never empty, yet this stream sends nothing.
        for (var second = 1; second <= 31; second++)
        {
            h.Apply(ResourceChangeType.Added, $"db{second}", second, app: "db");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Queued when due (a tick early), at the version then; the later hidden changes follow it.
        Assert.Equal([new TestEvent(EventType.Bookmark, null, "29", false)], BroadcasterHarness.Drain(subscriber));
    }

    [Fact]
    public void ResumeAheadOfEveryChange_Unavailable()
    {
        using var h = Harness();
        h.Apply(ResourceChangeType.Added, "a", 3);
        // The client has version 5 from another replica; this one has seen 3. The RPC waits for the cache first; the
        // broadcaster refuses rather than hold a stream that would skip to the future silently.
        var subscriber = Subscriber(bookmarks: true);

        var e = BroadcasterHarness.Refused(() => h.Broadcaster.Subscribe(subscriber, initialEvents: false, resumeFrom: 5));

        Assert.Equal(Grpc.Core.StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("Too large resource version: 5, current: 3", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, h.Broadcaster.Subscribers);
    }
}
