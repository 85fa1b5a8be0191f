using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>WatchServices through a real GrpcChannel: snapshot then live, resume, expiry, selectors.</summary>
public sealed class WatchServicesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Snap = new() { ["app"] = "snap" };

    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Watch_NoResourceVersion_SnapshotThenInitialEventsEndThenLiveEvents()
    {
        await _host.Kubernetes.CreateAsync("b", Snap);
        await _host.Kubernetes.CreateAsync("a", Snap);
        var last = await _host.Kubernetes.CreateAsync("c", Snap);
        // A snapshot at least as new as the last write (the cache may lag behind the API server).
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest
        {
            LabelSelector = "app=snap",
            ResourceVersion = last.Metadata.ResourceVersion,
            SendInitialEvents = true,
        });

        await watch.UntilAsync(w => w.InitialEventsEnded);
        await _host.Kubernetes.CreateAsync("d", Snap);
        await _host.Kubernetes.LabelAsync("d", "tier", "front");
        await _host.Kubernetes.DeleteAsync("a");
        await watch.UntilAsync(w => w.Events.Count == 7);

        Assert.Equal(["ADDED default/a", "ADDED default/b", "ADDED default/c", "BOOKMARK end", "ADDED default/d", "MODIFIED default/d", "DELETED default/a"],
            watch.Events.Select(e => e.Type == EventType.Bookmark ? $"BOOKMARK {(e.InitialEventsEnd ? "end" : "")}" : $"{e.Type.ToString().ToUpperInvariant()} {ServiceWatch.Key(e.Service)}"));
        Assert.Equal("front", watch.Events[5].Service.Metadata.Labels["tier"]);
        Assert.Empty(watch.Violations);
    }

    [Fact]
    public async Task Watch_ResumeAfterDisconnect_ReceivesEveryChangeOnce()
    {
        string resumeFrom;
        using (var first = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "app=snap" }))
        {
            await _host.Kubernetes.CreateAsync("one", Snap);
            await first.UntilAsync(w => w.State.ContainsKey("default/one"));
            resumeFrom = first.ResourceVersion;
        }
        // Changes while no stream is open.
        await _host.Kubernetes.CreateAsync("two", Snap);
        await _host.Kubernetes.LabelAsync("one", "v", "2");
        await _host.Kubernetes.DeleteAsync("two");
        using var resumed = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "app=snap", ResourceVersion = resumeFrom });
        await resumed.UntilAsync(w => w.Events.Count == 3);

        Assert.Equal(["ADDED default/two", "MODIFIED default/one", "DELETED default/two"],
            resumed.Events.Select(e => $"{e.Type.ToString().ToUpperInvariant()} {ServiceWatch.Key(e.Service)}"));
        Assert.DoesNotContain(resumed.Events, e => e.InitialEventsEnd);
        Assert.Equal("2", resumed.Events[1].Service.Metadata.Labels["v"]);
    }

    [Fact]
    public async Task Watch_SelectorTransitions_AddedWhenStartsMatchingDeletedWhenStops()
    {
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "app=sel" });
        await watch.UntilAsync(w => w.InitialEventsEnded);

        await _host.Kubernetes.CreateAsync("t");
        var matching = await _host.Kubernetes.LabelAsync("t", "app", "sel");
        var leaving = await _host.Kubernetes.LabelAsync("t", "app", "other");
        await _host.Kubernetes.LabelAsync("t", "app", "sel");
        await _host.Kubernetes.DeleteAsync("t");
        await watch.UntilAsync(w => w.Events.Count == 5);

        var live = watch.Events.Skip(1).ToList();
        Assert.Equal([EventType.Added, EventType.Deleted, EventType.Added, EventType.Deleted], live.Select(e => e.Type));
        Assert.Equal(matching.Metadata.ResourceVersion, live[0].Service.Metadata.ResourceVersion);
        // The DELETED of an object that stopped matching carries the last state the subscriber saw, at the change's version.
        Assert.Equal("sel", live[1].Service.Metadata.Labels["app"]);
        Assert.Equal(leaving.Metadata.ResourceVersion, live[1].ResourceVersion);
        Assert.Empty(watch.Violations);
    }

    [Fact]
    public async Task Watch_FieldSelectorAndNamespace_OnlyMatchingServices()
    {
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest { Namespace = "default", FieldSelector = "metadata.name=f" });
        await watch.UntilAsync(w => w.InitialEventsEnded);

        await _host.Kubernetes.CreateAsync("f", ns: "kube-system");
        await _host.Kubernetes.CreateAsync("g");
        await _host.Kubernetes.CreateAsync("f");
        await watch.UntilAsync(w => w.Events.Count == 2);

        Assert.Equal("default/f", ServiceWatch.Key(watch.Events[1].Service));
    }

    [Fact]
    public async Task Watch_UnsupportedField_InvalidArgument()
    {
        using var call = _host.Services.WatchServices(new WatchServicesRequest { FieldSelector = "spec.ports=80" });

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => call.ResponseStream.MoveNext());

        Assert.Contains("field label not supported: spec.ports", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_NoResourceVersionOnEmptySelection_OnlyTheInitialEventsEndBookmark()
    {
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "app=nothing" });

        var first = await watch.NextAsync();

        Assert.Equal(EventType.Bookmark, first.Type);
        Assert.True(first.InitialEventsEnd);
        Assert.NotEqual("", first.ResourceVersion);
    }

    [Fact]
    public async Task Watch_ResourceVersionNotANumber_InvalidArgument()
    {
        using var call = _host.Services.WatchServices(new WatchServicesRequest { ResourceVersion = "abc" });

        await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Watch_Bookmarks_CarryTheLatestVersion()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:BookmarkInterval"] = "00:00:00.200" });
        using var watch = ServiceWatch.Start(host, new WatchServicesRequest { LabelSelector = "app=none", AllowBookmarks = true });
        await watch.UntilAsync(w => w.InitialEventsEnded);
        var created = await host.Kubernetes.CreateAsync("x");

        await watch.UntilAsync(w => w.ResourceVersion == created.Metadata.ResourceVersion);

        Assert.All(watch.Events.Skip(1), e => Assert.Equal(EventType.Bookmark, e.Type));
    }
}
