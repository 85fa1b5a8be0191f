using Google.Rpc;
using Grpc.Core;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;

namespace KubeRpc.UnitTests.Watching;

/// <summary>
/// Resuming from a version gives exactly the changes the client lacks, or OUT_OF_RANGE when the history cannot
/// tell which ones those are (never a silent gap or a repeat).
/// </summary>
public sealed class ResumePointTests
{
    private static List<string> Resume(BroadcasterHarness h, long from, WatchFilter? filter = null) =>
        h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(filter ?? WatchFilter.Everything(), 10), false, from)
            .Items().Select(p => $"{p.Message.Type} {p.Message.Item}").ToList();

    private static WatchFilter App(string app) =>
        new(null, KubeRpc.Machinery.Selection.LabelSelector.Parse($"app={app}"), KubeRpc.Machinery.Selection.FieldSelector.Parse(""), bookmarks: false);

    private static RpcException ResumeFails(BroadcasterHarness h, long from) =>
        BroadcasterHarness.Refused(() => Resume(h, from));

    [Fact]
    public void InVersionOrder_EveryVersionResumesExactly()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        h.Progress(3);
        h.Apply(ResourceChangeType.Modified, "a", 4);

        Assert.Equal(["Added b@2", "Modified a@4"], Resume(h, 1));
        Assert.Equal(["Modified a@4"], Resume(h, 2));
        Assert.Equal(["Modified a@4"], Resume(h, 3));
        Assert.Empty(Resume(h, 4));
    }

    [Fact]
    public void Relist_FromItsVersionExact_InsideItOutOfRange_BeforeItReplaysTheWholeBatch()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        // The watch was gone while b was deleted and c created; the relist at 9 finds the difference. Its changes carry
        // the cache's version before it (2), its closing bookmark the list's (9).
        h.Relist(9, BroadcasterHarness.Obj("a", 1), BroadcasterHarness.Obj("c", 8));

        // A client that listed at 9, or received the whole batch, continues without listing again.
        Assert.Empty(Resume(h, 9));
        // One at 2 may hold part of the batch; one between 2 and 9 (listed from the API server) holds changes the cache
        // never saw: both list again, once.
        foreach (var inside in new long[] { 2, 5, 8 })
        {
            var e = ResumeFails(h, inside);
            Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
            Assert.Equal("RESOURCE_VERSION_EXPIRED", e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        }
        // One from before the relist gets the real change, then the whole batch.
        Assert.Equal(["Added b@2", "Deleted b@2", "Added c@8"], Resume(h, 1));
        h.Apply(ResourceChangeType.Modified, "c", 10);
        Assert.Equal(["Modified c@10"], Resume(h, 9));
        Assert.Empty(Resume(h, 10));
    }

    [Fact]
    public void RelistBatch_EventsCarryTheVersionBeforeIt_OnlyTheBookmarkTheListsVersion()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 3);
        var subscriber = new WatchSubscriber<string, TestEvent>(new WatchFilter(null, KubeRpc.Machinery.Selection.LabelSelector.Parse(""),
            KubeRpc.Machinery.Selection.FieldSelector.Parse(""), bookmarks: true), 10);
        h.Broadcaster.Subscribe(subscriber, initialEvents: false, resumeFrom: 3);

        h.Relist(9, BroadcasterHarness.Obj("b", 7), BroadcasterHarness.Obj("c", 8));

        Assert.Equal(["Deleted a@3 3", "Added b@7 3", "Added c@8 3", "Bookmark  9"],
            BroadcasterHarness.Drain(subscriber).Select(e => $"{e.Type} {e.Item} {e.ResourceVersion}"));
    }

    [Fact]
    public void RelistThatChangedNothing_FromTheVersionBeforeItExact_FromInsideItOutOfRange()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        // The API server's watch expired while nothing changed: the relist at 9 finds no difference.
        h.Relist(9, BroadcasterHarness.Obj("a", 1), BroadcasterHarness.Obj("b", 2));

        // A client at 2 lacks nothing (the batch is empty), so it is not sent to list again for the server's own relist.
        Assert.Empty(Resume(h, 2));
        // One that read at 5 from the API server may hold a change made and undone before 9, which the cache never saw.
        Assert.Equal(StatusCode.OutOfRange, ResumeFails(h, 5).StatusCode);
        Assert.Empty(Resume(h, 9));
    }

    [Fact]
    public void RelistBatch_AClientWhoseFilterSeesNoneOfItResumesFromTheVersionBeforeIt()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1, app: "east");
        h.Apply(ResourceChangeType.Added, "b", 2, app: "west");
        h.Relist(9, BroadcasterHarness.Obj("a", 1, app: "east"), BroadcasterHarness.Obj("c", 8, app: "west"));

        // West's watchers saw part of the batch or none of it: they cannot tell, so they list again. East's view did
        // not change, so its watchers resume.
        Assert.Equal(StatusCode.OutOfRange, BroadcasterHarness.Refused(() => Resume(h, 2, App("west"))).StatusCode);
        Assert.Empty(Resume(h, 2, App("east")));
        Assert.Equal(StatusCode.OutOfRange, BroadcasterHarness.Refused(() => Resume(h, 5, App("east"))).StatusCode);
    }

    [Fact]
    public void RelistBatchStillArriving_ResumeFromTheVersionBeforeIt_OutOfRangeIfItShowedSome_ElseTheRestLive()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1, app: "east");
        h.Apply(ResourceChangeType.Added, "b", 2, app: "west");
        // Deleted a (east) has arrived; Added c (west) and the closing bookmark have not.
        var rest = h.RelistPartly(1, 9, BroadcasterHarness.Obj("b", 2, app: "west"), BroadcasterHarness.Obj("c", 8, app: "west"));

        // East may have received the delete or not: list again.
        Assert.Equal(StatusCode.OutOfRange, BroadcasterHarness.Refused(() => Resume(h, 2, App("east"))).StatusCode);
        // West has seen nothing of the batch so far, so it joins and gets the rest live.
        var west = new WatchSubscriber<string, TestEvent>(App("west"), 10);
        Assert.Empty(h.Broadcaster.Subscribe(west, false, 2).Items());
        rest();
        Assert.Equal(["Added c@8 2"], BroadcasterHarness.Drain(west).Select(e => $"{e.Type} {e.Item} {e.ResourceVersion}"));
    }

    [Fact]
    public void RelistWithOneDifference_ResumeAtItsVersionExact()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Relist(5, BroadcasterHarness.Obj("a", 1), BroadcasterHarness.Obj("b", 4));
        h.Apply(ResourceChangeType.Added, "c", 6);

        Assert.Equal(["Added c@6"], Resume(h, 5));
    }

    [Fact]
    public void NamespacesOutOfOrder_AmbiguousVersionsOutOfRange_OthersExact()
    {
        using var h = new BroadcasterHarness(scopes: ["east", "west"]);
        h.Apply(ResourceChangeType.Added, "a", 10, ns: "east");
        // west's watch delivers its write of version 11 after east's of 12.
        h.Apply(ResourceChangeType.Added, "b", 12, ns: "east");
        h.Apply(ResourceChangeType.Added, "c", 11, ns: "west");
        h.Apply(ResourceChangeType.Added, "d", 13, ns: "west");

        // At 12 a client may lack c@11 (it came after b@12); at 11 it may already have b@12.
        Assert.Equal(StatusCode.OutOfRange, ResumeFails(h, 12).StatusCode);
        Assert.Equal(StatusCode.OutOfRange, ResumeFails(h, 11).StatusCode);
        Assert.Equal(["Added b@12", "Added c@11", "Added d@13"], Resume(h, 10));
        Assert.Empty(Resume(h, 13));
    }

    [Fact]
    public void NamespacesOutOfOrder_BookmarkAheadOfALateChange_OutOfRange()
    {
        using var h = new BroadcasterHarness(scopes: ["east", "west"]);
        h.Apply(ResourceChangeType.Added, "a", 10, ns: "east");
        // east's API bookmark at 20 (a periodic bookmark may carry it to clients), then west's change at 15.
        h.Progress(20, ns: "east");
        h.Apply(ResourceChangeType.Added, "b", 15, ns: "west");

        Assert.Equal(StatusCode.OutOfRange, ResumeFails(h, 20).StatusCode);
        Assert.Equal(["Added b@15"], Resume(h, 10));
    }
}
