using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.UnitTests.Caching;

/// <summary>The snapshots held for unfinished listings: shared per snapshot, bounded in number and in time.</summary>
public sealed class PinnedSnapshotsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ResourceStore<string> _store = new();

    private StoreSnapshot<string> Next()
    {
        var rv = _store.Current.ResourceVersion + 1;
        _store.Apply(ResourceChangeType.Added, new CachedObject<string>(new ObjectKey("ns", $"o{rv}"), rv, [], null, SelectableFields.MetadataOnly, []));
        return _store.Current;
    }

    [Fact]
    public void Hold_SameSnapshotTwice_OneId_FoundUntilRetentionAfterLastUse()
    {
        var pins = new PinnedSnapshots<string>(4, TimeSpan.FromSeconds(90), _time);
        var snapshot = Next();

        var id = pins.Hold(snapshot);
        Assert.Equal(id, pins.Hold(snapshot));
        _time.Advance(TimeSpan.FromSeconds(80));
        Assert.Same(snapshot, pins.Find(id));
        // Each page renews it.
        _time.Advance(TimeSpan.FromSeconds(80));
        Assert.Same(snapshot, pins.Find(id));
        _time.Advance(TimeSpan.FromSeconds(91));
        Assert.Null(pins.Find(id));
        Assert.Equal(0, pins.Count);
    }

    [Fact]
    public void Hold_AtCapacity_TheLeastRecentlyPagedGoes()
    {
        var pins = new PinnedSnapshots<string>(2, TimeSpan.FromMinutes(5), _time);
        var first = pins.Hold(Next());
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = pins.Hold(Next());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(pins.Find(first));

        var third = pins.Hold(Next());

        Assert.Equal(2, pins.Count);
        Assert.Null(pins.Find(second));
        Assert.NotNull(pins.Find(first));
        Assert.NotNull(pins.Find(third));
        Assert.Null(pins.Find(12345));
    }
}
