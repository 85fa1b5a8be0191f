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
    private static List<string> Resume(BroadcasterHarness h, long from) =>
        h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), false, from)
            .Items().Select(p => $"{p.Message.Type} {p.Message.Item}").ToList();

    private static RpcException ResumeFails(BroadcasterHarness h, long from) =>
        Assert.Throws<RpcException>(() => Resume(h, from));

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
    public void RelistWithSeveralDifferences_ResumeAtItsVersionOutOfRange_BeforeItReplaysThemAll()
    {
        using var h = new BroadcasterHarness();
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        // The watch was gone while b was deleted and c created; the relist at 9 finds the difference.
        h.Relist(9, BroadcasterHarness.Obj("a", 1), BroadcasterHarness.Obj("c", 8));

        // A client at 9 may have had the DELETED of b but not the ADDED of c: its version does not say.
        var e = ResumeFails(h, 9);
        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Equal("RESOURCE_VERSION_EXPIRED", e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.Equal(["Deleted b@2", "Added c@8"], Resume(h, 2));
        h.Apply(ResourceChangeType.Modified, "c", 10);
        Assert.Empty(Resume(h, 10));
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
