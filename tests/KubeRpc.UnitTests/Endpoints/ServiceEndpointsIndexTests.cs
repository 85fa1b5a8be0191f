using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using static KubeRpc.UnitTests.Endpoints.EndpointsIndexHarness;

namespace KubeRpc.UnitTests.Endpoints;

/// <summary>
/// The join of Services and EndpointSlices per Service name: which slices count, one set per change of what clients see,
/// versions a resume can trust (and the ones it cannot), streams ended when they fall behind or the server stops.
/// </summary>
public sealed class ServiceEndpointsIndexTests
{
    [Fact]
    public void Join_SlicesOfTheServiceMerged_OrderedByAddress_DuplicatesOnceMostAvailable_OtherServicesLeftOut()
    {
        using var feed = new EndpointsIndexHarness();
        feed.Service(10);
        feed.Slice("web-1", 11, ["10.0.0.10", "10.0.0.9"]);
        feed.Slice("web-2", 12, ["10.0.0.2"], ready: false);
        feed.Slice("web-3", 13, ["10.0.0.10"], ready: false); // the same endpoint, moving between slices
        feed.Slice("api-1", 14, ["10.0.0.50"], service: "api");
        feed.Slice("unlabelled", 15, ["10.0.0.60"], service: null);

        var set = feed.Index.Resolve(Web).Message;

        Assert.Equal(["10.0.0.2", "10.0.0.9", "10.0.0.10"], set.Endpoints.Select(e => e.Addresses[0]));
        Assert.True(set.Endpoints.Single(e => e.Addresses[0] == "10.0.0.10").Ready);
        Assert.Equal("13", set.ResourceVersion);
        Assert.Equal("web.shop.svc.cluster.local", set.DnsName);
    }

    [Fact]
    public void RelabelledSlice_LeavesItsService()
    {
        using var feed = new EndpointsIndexHarness();
        feed.Service(10);
        feed.Slice("web-1", 11, ["10.0.0.1"]);
        Assert.Single(feed.Index.Resolve(Web).Message.Endpoints);

        feed.Slice("web-1", 12, ["10.0.0.1"], ResourceChangeType.Modified, service: "api");

        Assert.Empty(feed.Index.Resolve(Web).Message.Endpoints);
        Assert.Single(feed.Index.Resolve(Web with { Name = "api" }).Message.Endpoints);
    }

    [Fact]
    public void SameSetAgain_NotPublishedAgain_VersionAndSequenceKept()
    {
        using var feed = new EndpointsIndexHarness();
        feed.Service(10);
        feed.Slice("web-1", 11, ["10.0.0.1"]);
        using var slot = new SlotScope();
        var start = feed.Index.Subscribe(Web, bookmarks: false, slot.Slot);
        var first = feed.Index.Current(start.Subscriber.Entry);
        Assert.Same(first, feed.Index.Current(start.Subscriber.Entry));

        feed.Slice("web-1", 12, ["10.0.0.1"], ResourceChangeType.Modified); // rewritten, same endpoints
        var after = feed.Index.Current(start.Subscriber.Entry);

        Assert.Equal((first.Sequence, first.ResourceVersion), (after.Sequence, after.ResourceVersion));
        Assert.False(feed.Index.ResumeNeedsSet(start, 11, after));
        Assert.True(feed.Index.ResumeNeedsSet(start, 10, after));
    }

    [Fact]
    public void ServiceChangeArrivingAfterANewerSliceChange_VersionAmbiguous_ResumeFromItGetsTheSet()
    {
        using var feed = new EndpointsIndexHarness();
        feed.Service(10);
        feed.Slice("web-1", 20, ["10.0.0.1"]);
        using var slot = new SlotScope();
        var start = feed.Index.Subscribe(Web, bookmarks: false, slot.Slot);
        var before = feed.Index.Current(start.Subscriber.Entry);
        Assert.Equal(20, before.ResourceVersion);

        // The Services informer lags: its change at 15 comes after the slice's at 20.
        feed.Service(15, port: 81, ResourceChangeType.Modified);
        var after = feed.Index.Current(start.Subscriber.Entry);

        Assert.Equal(20, after.ResourceVersion);
        Assert.NotEqual(before.Sequence, after.Sequence);
        Assert.True(feed.Index.ResumeNeedsSet(start, 20, after), "a client at 20 may hold either set");
    }

    [Fact]
    public void AbsentService_ResumeFromItsVersion_NothingToSend_UnlessAServiceOfThatNameWentAwaySince()
    {
        using var feed = new EndpointsIndexHarness();
        feed.Service(10);
        feed.Slice("other", 30, ["10.0.0.1"], service: "api");
        using var slot = new SlotScope();
        var absent = feed.Index.Resolve(Web with { Name = "none" });
        Assert.False(absent.Message.Exists);

        var start = feed.Index.Subscribe(Web with { Name = "none" }, bookmarks: false, slot.Slot);
        Assert.False(feed.Index.ResumeNeedsSet(start, absent.ResourceVersion, feed.Index.Current(start.Subscriber.Entry)));

        // web existed at 10 and is deleted at 40: a client resuming from 10 held it, and must hear it is gone.
        feed.Service(40, type: ResourceChangeType.Deleted);
        using var later = new SlotScope();
        var again = feed.Index.Subscribe(Web, bookmarks: false, later.Slot);
        Assert.True(feed.Index.ResumeNeedsSet(again, 10, feed.Index.Current(again.Subscriber.Entry)));
    }

    [Fact]
    public void StreamThatDoesNotCatchUp_EndedTooSlow_SlotFreedAtOnce()
    {
        using var feed = new EndpointsIndexHarness(new WatchOptions { QueueCapacity = 3 });
        feed.Service(10);
        using var slot = new SlotScope();
        var start = feed.Index.Subscribe(Web, bookmarks: false, slot.Slot);

        for (var i = 0; i < 3; i++)
        {
            feed.Slice("web-1", 11 + i, [$"10.0.0.{i + 1}"], i == 0 ? ResourceChangeType.Added : ResourceChangeType.Modified);
        }
        Assert.Equal(WatchEnd.None, start.Subscriber.Ended);
        start.Subscriber.CaughtUp();
        for (var i = 0; i < 4; i++)
        {
            feed.Slice("web-1", 20 + i, [$"10.0.1.{i + 1}"], ResourceChangeType.Modified);
        }

        Assert.Equal(WatchEnd.TooSlow, start.Subscriber.Ended);
        Assert.True(slot.Slot.Released);
    }

    [Fact]
    public void Stop_EndsStreamsShuttingDown_AndRefusesNewOnes()
    {
        using var feed = new EndpointsIndexHarness();
        using var slot = new SlotScope();
        var start = feed.Index.Subscribe(Web, bookmarks: false, slot.Slot);

        feed.Index.Stop();

        Assert.Equal(WatchEnd.ShuttingDown, start.Subscriber.Ended);
        var refused = Assert.Throws<WatchFailedException>(() => feed.Index.Subscribe(Web, bookmarks: false, WatchSlot.Detached()));
        Assert.Equal(WatchFailure.ShuttingDown, refused.Failure);
    }

    /// <summary>A detached slot, disposed with the subscriber's registration.</summary>
    private sealed class SlotScope : IDisposable
    {
        public WatchSlot Slot { get; } = WatchSlot.Detached();

        public void Dispose() => Slot.Release();
    }
}
