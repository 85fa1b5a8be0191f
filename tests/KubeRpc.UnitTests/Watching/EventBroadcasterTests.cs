using Grpc.Core;
using KubeRpc.Machinery.Selection;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Watching;

public sealed class EventBroadcasterTests
{
    private static WatchFilter App(string app) => new(null, LabelSelector.Parse($"app={app}"), FieldSelector.Parse(""), false);

    [Fact]
    public void Subscribe_Initial_SnapshotThenBookmarkThenOnlyLaterChanges()
    {
        using var h = new BroadcasterHarness(beforeStart: b => b.Apply(ResourceChangeType.Added, "early", 1));
        h.Apply(ResourceChangeType.Added, "a", 2);
        var subscriber = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);

        var prefix = h.Broadcaster.Subscribe(subscriber, initialEvents: true, resumeFrom: 0).Items().ToList();
        h.Apply(ResourceChangeType.Modified, "a", 3);

        // In key order, then the bookmark at the snapshot's version.
        Assert.Equal(["Added a@2 2 False", "Added early@1 1 False", "Bookmark  2 True"],
            prefix.Select(p => $"{p.Message.Type} {p.Message.Item} {p.Message.ResourceVersion} {p.Message.InitialEventsEnd}"));
        Assert.Equal([new TestEvent(EventType.Modified, "a@3", "3", false)], BroadcasterHarness.Drain(subscriber));
    }

    [Fact]
    public void Subscribe_Resume_ReplaysAfterTheVersionAndSharesMessages()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        h.Apply(ResourceChangeType.Deleted, "a", 3);
        var one = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);
        var two = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);

        var first = h.Broadcaster.Subscribe(one, false, 1).Items().ToList();
        var second = h.Broadcaster.Subscribe(two, false, 1).Items().ToList();

        Assert.Equal(["Added b@2", "Deleted a@3"], first.Select(p => $"{p.Message.Type} {p.Message.Item}"));
        Assert.Same(first[0].Message, second[0].Message);
    }

    [Fact]
    public void Subscribe_ResumeOlderThanHistory_OutOfRange()
    {
        using var h = new BroadcasterHarness(new WatchOptions { HistoryCapacity = 2, HistoryRetention = TimeSpan.Zero });
        for (var rv = 1; rv <= 5; rv++)
        {
            h.Apply(ResourceChangeType.Added, $"o{rv}", rv);
        }

        var e = BroadcasterHarness.Refused(() => h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), false, 2));

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Equal(2, h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), false, 3).Items().Count());
    }

    [Fact]
    public void Publish_FullQueue_EndsOnlyThatSubscriberWithoutBlocking()
    {
        using var h = new BroadcasterHarness();
        var slow = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 2);
        var fast = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 2);
        h.Broadcaster.Subscribe(slow, false, 0);
        h.Broadcaster.Subscribe(fast, false, 0);

        for (var rv = 1; rv <= 5; rv++)
        {
            h.Apply(ResourceChangeType.Added, $"o{rv}", rv);
            BroadcasterHarness.Drain(fast);
        }

        Assert.Equal(WatchEnd.TooSlow, slow.Ended);
        Assert.Equal(WatchEnd.None, fast.Ended);
        Assert.Equal(1, h.Broadcaster.Subscribers);
    }

    [Fact]
    public void Publish_SelectorTransitions_AddedAndDeletedWithPreviousState()
    {
        using var h = new BroadcasterHarness();
        var subscriber = new WatchSubscriber<string, TestEvent>(App("web"), 10);
        h.Broadcaster.Subscribe(subscriber, false, 0);

        h.Apply(ResourceChangeType.Added, "a", 1, "db");
        h.Apply(ResourceChangeType.Modified, "a", 2, "web");
        h.Apply(ResourceChangeType.Modified, "a", 3, "web");
        h.Apply(ResourceChangeType.Modified, "a", 4, "db");
        h.Apply(ResourceChangeType.Deleted, "a", 5, "db");

        Assert.Equal(["Added a@2 2", "Modified a@3 3", "Deleted a@3 4"],
            BroadcasterHarness.Drain(subscriber).Select(e => $"{e.Type} {e.Item} {e.ResourceVersion}"));
    }

    [Fact]
    public void Stop_EndsSubscribersAndRefusesNewOnes()
    {
        using var h = new BroadcasterHarness();
        var subscriber = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);
        h.Broadcaster.Subscribe(subscriber, true, 0);

        h.Broadcaster.Stop();

        Assert.Equal(WatchEnd.ShuttingDown, subscriber.Ended);
        var e = BroadcasterHarness.Refused(() => h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), true, 0));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Fact]
    public void Publish_Relist_SyntheticChangesBringSubscriberToTheNewList()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "gone", 1);
        h.Apply(ResourceChangeType.Added, "kept", 2);
        h.Apply(ResourceChangeType.Added, "changed", 3);
        var subscriber = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);
        var state = h.Broadcaster.Subscribe(subscriber, true, 0).Items().Where(p => p.Message.Type == EventType.Added)
            .ToDictionary(p => p.Message.Item!.Split('@')[0], p => p.Message.Item);

        h.Relist(10, BroadcasterHarness.Obj("kept", 2), BroadcasterHarness.Obj("changed", 8), BroadcasterHarness.Obj("new", 9));
        foreach (var e in BroadcasterHarness.Drain(subscriber))
        {
            if (e.Type == EventType.Deleted)
            {
                state.Remove(e.Item!.Split('@')[0]);
            }
            else if (e.Type != EventType.Bookmark)
            {
                state[e.Item!.Split('@')[0]] = e.Item;
            }
        }

        Assert.Equal(["changed@8", "kept@2", "new@9"], state.Values.Order(StringComparer.Ordinal));
        Assert.Equal(10, h.Broadcaster.ResourceVersion);
    }

    [Fact]
    public void Publish_Relist_MarksTheBatchNotItsClosingBookmarkNorLiveChanges()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "gone", 1, app: "web");
        h.Apply(ResourceChangeType.Added, "leaves", 2, app: "web");
        var subscriber = new WatchSubscriber<string, TestEvent>(
            new WatchFilter(null, KubeRpc.Machinery.Selection.LabelSelector.Parse("app=web"), KubeRpc.Machinery.Selection.FieldSelector.Parse(""),
                bookmarks: true), 10);
        Assert.Equal(3, h.Broadcaster.Subscribe(subscriber, true, 0).Items().Count());

        // "leaves" stops matching in the relist: the batch shows its last matching state as DELETED, still one of the batch.
        h.Relist(10, BroadcasterHarness.Obj("leaves", 8, app: "db"), BroadcasterHarness.Obj("new", 9, app: "web"));
        h.Apply(ResourceChangeType.Added, "live", 11, app: "web");
        var events = BroadcasterHarness.Drain(subscriber);

        Assert.Equal(
        [
            (EventType.Deleted, "gone@1", "2", true), (EventType.Deleted, "leaves@2", "2", true), (EventType.Added, "new@9", "2", true),
        ], events.Take(3).Select(e => (e.Type, e.Item, e.ResourceVersion, e.RelistBatch)).OrderBy(e => e.Item, StringComparer.Ordinal));
        Assert.Equal([(EventType.Bookmark, "10", false), (EventType.Added, "11", false)],
            events.Skip(3).Select(e => (e.Type, e.ResourceVersion, e.RelistBatch)));
    }
}
