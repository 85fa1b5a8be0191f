using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Caching;

public sealed class ResourceStoreTests
{
    private static CachedObject<string> Obj(string ns, string name, long rv, params (string Key, string Value)[] labels) =>
        new(new ObjectKey(ns, name), rv, System.Text.Encoding.UTF8.GetBytes($"{ns}/{name}@{rv}"),
            LabelSet.From(labels.Select(l => KeyValuePair.Create(l.Key, l.Value))),
            SelectableFields.MetadataOnly, []);

    private static string[] Keys(IEnumerable<CachedObject<string>> items) => [.. items.Select(i => i.Key.ToString())];

    [Fact]
    public void Apply_AddModifyDelete_EarlierSnapshotsKeepTheirState()
    {
        var store = new ResourceStore<string>();
        store.Apply(ResourceChangeType.Added, Obj("ns", "a", 1));
        var afterAdd = store.Current;
        var modified = store.Apply(ResourceChangeType.Modified, Obj("ns", "a", 2));
        var afterModify = store.Current;
        var deleted = store.Apply(ResourceChangeType.Deleted, Obj("ns", "a", 3));

        Assert.Equal(1, afterAdd.Get("ns", "a")!.ResourceVersion);
        Assert.Equal(1, afterAdd.ResourceVersion);
        Assert.Equal(2, afterModify.Get("ns", "a")!.ResourceVersion);
        Assert.Null(store.Current.Get("ns", "a"));
        Assert.Equal(0, store.Current.Count);
        Assert.Equal(3, store.Current.ResourceVersion);
        Assert.Equal(ResourceChangeType.Modified, modified!.Type);
        Assert.Equal(1, modified.Previous!.ResourceVersion);
        Assert.Equal(ResourceChangeType.Deleted, deleted!.Type);
        Assert.Same(afterModify.Get("ns", "a"), deleted.Previous);
        Assert.Equal(3, deleted.Current!.ResourceVersion);
    }

    [Fact]
    public void List_OrdersByNamespaceThenName_Ordinally()
    {
        var store = new ResourceStore<string>();
        var rv = 0;
        foreach (var (ns, name) in new[] { ("b", "a"), ("a", "b"), ("B", "z"), ("a", "B"), ("a", "a-1"), ("a", "a"), ("a", "a.1") })
        {
            store.Apply(ResourceChangeType.Added, Obj(ns, name, ++rv));
        }

        Assert.Equal(["B/z", "a/B", "a/a", "a/a-1", "a/a.1", "a/b", "b/a"], Keys(store.Current.List()));
        Assert.Equal(["a/B", "a/a", "a/a-1", "a/a.1", "a/b"], Keys(store.Current.List("a")));
        Assert.Equal(["B", "a", "b"], store.Current.Namespaces);
        Assert.Equal(5, store.Current.CountIn("a"));
        Assert.Empty(store.Current.List("none"));
    }

    [Fact]
    public void List_AfterKey_ContinuesAfterIt_EvenWhenItIsGone()
    {
        var store = new ResourceStore<string>();
        var rv = 0;
        foreach (var (ns, name) in new[] { ("a", "1"), ("a", "2"), ("a", "3"), ("b", "1"), ("c", "1") })
        {
            store.Apply(ResourceChangeType.Added, Obj(ns, name, ++rv));
        }
        store.Apply(ResourceChangeType.Deleted, Obj("a", "2", ++rv));

        Assert.Equal(["a/3", "b/1", "c/1"], Keys(store.Current.List(after: new ObjectKey("a", "2"))));
        Assert.Equal(["c/1"], Keys(store.Current.List(after: new ObjectKey("b", "1"))));
        Assert.Equal(["b/1", "c/1"], Keys(store.Current.List(after: new ObjectKey("a", "zzz"))));
        Assert.Equal(["a/3"], Keys(store.Current.List("a", new ObjectKey("a", "1"))));
        Assert.Equal(["a/1", "a/3"], Keys(store.Current.List("a", new ObjectKey("a", "0"))));
    }

    [Fact]
    public void Apply_VersionAtOrBelowTheScopes_IsAReplayAndIgnored()
    {
        var store = new ResourceStore<string>();
        store.Apply(ResourceChangeType.Added, Obj("ns", "a", 5));

        Assert.Null(store.Apply(ResourceChangeType.Modified, Obj("ns", "a", 5)));
        Assert.Null(store.Apply(ResourceChangeType.Deleted, Obj("ns", "a", 4)));
        Assert.Null(store.Advance(5));
        Assert.Equal(5, store.Current.Get("ns", "a")!.ResourceVersion);
    }

    [Fact]
    public void Apply_DeleteOfUnknownKey_OnlyAdvancesTheVersion()
    {
        var store = new ResourceStore<string>();
        var change = store.Apply(ResourceChangeType.Deleted, Obj("ns", "ghost", 7));

        Assert.Equal(ResourceChangeType.Bookmark, change!.Type);
        Assert.Equal(7, store.Current.ResourceVersion);
        Assert.Equal(0, store.Current.Count);
    }

    [Fact]
    public void Apply_AddedForHeldKey_IsReportedAsModified()
    {
        var store = new ResourceStore<string>();
        store.Apply(ResourceChangeType.Added, Obj("ns", "a", 1));

        var change = store.Apply(ResourceChangeType.Added, Obj("ns", "a", 2));

        Assert.Equal(ResourceChangeType.Modified, change!.Type);
        Assert.Equal(1, store.Current.Count);
    }

    [Fact]
    public void Replace_ReturnsSyntheticChangesThatTurnTheOldContentIntoTheList()
    {
        var store = new ResourceStore<string>();
        store.Apply(ResourceChangeType.Added, Obj("ns", "a", 1, ("app", "x")));
        store.Apply(ResourceChangeType.Added, Obj("ns", "b", 2));
        store.Apply(ResourceChangeType.Added, Obj("ns", "c", 3));
        var old = store.Current;

        var changes = store.Replace([Obj("ns", "d", 6), Obj("ns", "c", 5, ("app", "x")), Obj("ns", "b", 2)], 10);

        Assert.Equal(
            [(ResourceChangeType.Deleted, "ns/a"), (ResourceChangeType.Modified, "ns/c"), (ResourceChangeType.Added, "ns/d"), (ResourceChangeType.Bookmark, "")],
            changes.Select(c => (c.Type, c.Key?.ToString() ?? "")));
        // The batch carries the version before the relist; only the closing bookmark carries the list's, naming where
        // the collapsed range began.
        Assert.All(changes, c => Assert.True(c.Synthetic));
        Assert.Equal([3L, 3L, 3L, 10L], changes.Select(c => c.ResourceVersion));
        Assert.Equal([null, null, null, 3L], changes.Select(c => c.RelistFrom));
        var delete = changes[0];
        Assert.Null(delete.Current);
        Assert.Same(old.Get("ns", "a"), delete.Previous);
        Assert.Equal(["ns/b", "ns/c", "ns/d"], Keys(store.Current.List()));
        Assert.Equal(10, store.Current.ResourceVersion);
        Assert.Same(old.Get("ns", "b"), store.Current.Get("ns", "b"));
        Assert.Equal(["ns/c"], Keys(store.Current.List().Where(o => o.Labels.TryGetValue("app", out var app) && app == "x")));
    }

    [Fact]
    public void Replace_InANamespaceScope_LeavesOtherScopesAndTheirVersions()
    {
        var store = new ResourceStore<string>(["one", "two"]);
        store.Replace([Obj("one", "a", 3)], 5, "one");
        Assert.Equal(0, store.Current.ResourceVersion);
        store.Replace([Obj("two", "a", 4), Obj("two", "b", 6)], 7, "two");

        var changes = store.Replace([], 9, "two");

        Assert.Equal(["two/a", "two/b"], changes.Where(c => c.Type == ResourceChangeType.Deleted).Select(c => c.Key.ToString()));
        Assert.Equal([7L, 7L, 9L], changes.Select(c => c.ResourceVersion));
        Assert.Equal(7, changes[^1].RelistFrom);
        Assert.Equal(["one/a"], Keys(store.Current.List()));
        Assert.Equal(5, store.Current.ResourceVersion);
        Assert.Equal(5, store.Current.ResourceVersionOf("one"));
        Assert.Equal(9, store.Current.ResourceVersionOf("two"));
        Assert.Equal(0, store.Current.ResourceVersionOf("three"));
        Assert.Throws<ArgumentException>(() => store.Apply(ResourceChangeType.Added, Obj("three", "x", 10), "one"));
        Assert.Throws<ArgumentException>(() => store.Advance(10, "three"));
    }

    [Fact]
    public void Replace_WithDuplicateKeys_ThrowsAndKeepsTheStore()
    {
        var store = new ResourceStore<string>();
        store.Apply(ResourceChangeType.Added, Obj("ns", "a", 1));
        var before = store.Current;

        Assert.Throws<ArgumentException>(() => store.Replace([Obj("ns", "b", 2), Obj("ns", "b", 3)], 4));
        Assert.Same(before, store.Current);
    }

    [Fact]
    public async Task Current_ReadWhileAWriterReplacesAndApplies_IsNeverHalfApplied()
    {
        var store = new ResourceStore<string>();
        const int Size = 300;
        using var done = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            long rv = 0;
            for (var round = 0; round < 40; round++)
            {
                // Each state holds Size objects, all labelled with the round.
                var tag = ("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
                store.Replace(Enumerable.Range(0, Size).Select(i => Obj($"n{i % 7}", $"o{(i + round) % (Size + 20)}", rv + 1, tag)), ++rv);
                for (var i = 0; i < 20; i++)
                {
                    var victim = store.Current.List().ElementAt(i);
                    store.Apply(ResourceChangeType.Deleted, Obj(victim.Namespace, victim.Name, ++rv));
                    store.Apply(ResourceChangeType.Added, Obj(victim.Namespace, victim.Name + "x", ++rv, tag));
                }
            }
            done.Cancel();
        });
        var checks = 0;
        while (!done.IsCancellationRequested || checks == 0)
        {
            var snapshot = store.Current;
            var listed = snapshot.List().ToList();
            Assert.Equal(snapshot.Count, listed.Count);
            // Between a delete and the following add the store holds one object less, never anything in between.
            Assert.True(snapshot.Count is 0 or Size or Size - 1, $"a snapshot with {snapshot.Count} objects");
            Assert.Equal(listed.OrderBy(o => o.Key).Select(o => o.Key), listed.Select(o => o.Key));
            checks++;
        }
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void CachedObject_Fields_AnswersSelectableFieldsWithGoZeroValues()
    {
        var service = new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor).Project(new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "web", NamespaceProperty = "prod", ResourceVersion = "42", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new k8s.Models.V1ServiceSpec { Type = "NodePort" },
        });

        Assert.Equal(new ObjectKey("prod", "web"), service.Key);
        Assert.Equal(42, service.ResourceVersion);
        Assert.Equal("web", service.Labels["app"]);
        Assert.True(service.TryGetField("spec.type", out var type) && type == "NodePort");
        Assert.True(service.TryGetField("spec.clusterIP", out var ip) && ip == "");
        Assert.True(service.TryGetField("metadata.namespace", out var ns) && ns == "prod");
        Assert.False(service.TryGetField("spec.ports", out _));
        Assert.True(new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor).Fields.Supports("spec.clusterIP"));
        Assert.False(new ResourceProjection<Ingress, V1Ingress>(IngressKind.Descriptor).Fields.Supports("spec.type"));
        Assert.Throws<FormatException>(() => new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor).Project(new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "x", NamespaceProperty = "y", ResourceVersion = "abc" },
        }));
    }
}
