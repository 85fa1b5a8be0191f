using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>The informer against the real emulator, without faults: sync, live changes, read-your-writes, scopes.</summary>
public sealed class ResourceInformerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WaitForSyncAsync_ServicesInSeveralNamespaces_CacheEqualsTheServerPageByPage()
    {
        await using var host = new ServiceCacheHost(output, configure: o => o.PageSize = 7);
        await host.CreateNamespaceAsync("a");
        await host.CreateNamespaceAsync("b");
        for (var i = 0; i < 30; i++)
        {
            await host.CreateAsync(i % 2 == 0 ? "a" : "b", $"svc-{i}", new Dictionary<string, string> { ["shard"] = $"{i % 3}" });
        }
        Assert.False(host.Informer.HasSynced);

        await host.StartAsync();

        Assert.True(host.Informer.HasSynced);
        Assert.Equal(1, host.Informer.Metrics.Lists);
        Assert.Equal(0, host.Informer.Metrics.Relists);
        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, ServiceCacheHost.Timeout);
        Assert.Equal(31, host.Informer.ObjectsCached); // and default/kubernetes
        Assert.Equal(10, host.Informer.Current.List().Count(o => o.Labels.TryGetValue("shard", out var shard) && shard == "0"));
    }

    [Fact]
    public async Task Subscribe_LiveCreateUpdateDelete_DeliversEachChangeInOrderOnceTheStoreShowsIt()
    {
        await using var host = new ServiceCacheHost(output);
        await host.StartAsync();
        var seen = new List<(ResourceChange<Service> Change, CachedObject<Service>? InStore)>();
        using var subscription = host.Informer.Subscribe(c => seen.Add((c, host.Informer.Current.Get(new ObjectKey("default", "web")))));

        var created = await host.CreateAsync("default", "web");
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
        var updated = await host.Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default");
        await host.Client.CoreV1.DeleteNamespacedServiceAsync("web", "default");
        var deletedAt = host.Emulator.ResourceVersion;
        await host.Informer.WaitForResourceVersionAsync(deletedAt, CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);

        var changes = seen.Where(s => s.Change.Type != ResourceChangeType.Bookmark).ToList();
        Assert.Equal([ResourceChangeType.Added, ResourceChangeType.Modified, ResourceChangeType.Deleted], changes.Select(c => c.Change.Type));
        Assert.Equal([ResourceVersions.Parse(created.Metadata.ResourceVersion), ResourceVersions.Parse(updated.Metadata.ResourceVersion), deletedAt],
            changes.Select(c => c.Change.ResourceVersion));
        Assert.Same(changes[0].Change.Current, changes[0].InStore);
        Assert.Same(changes[1].Change.Current, changes[1].InStore);
        Assert.Null(changes[2].InStore);
        Assert.Same(changes[1].Change.Current, changes[2].Change.Previous);
        Assert.Equal("2", changes[1].Change.Current!.Decode().Metadata.Labels["v"]);
        Assert.False(changes[2].Change.Synthetic);
        Assert.Equal(deletedAt, changes[2].Change.Current!.ResourceVersion);
        Assert.Equal(ServiceMapping.ToProto(updated).Spec, changes[2].Change.Current!.Decode().Spec);
    }

    [Fact]
    public async Task WaitForResourceVersionAsync_RightAfterEachOf1000Creates_TheCacheHasTheObject()
    {
        await using var host = new ServiceCacheHost(output);
        await host.StartAsync();

        for (var i = 0; i < 1000; i++)
        {
            var created = await host.Client.CoreV1.CreateNamespacedServiceAsync(ServiceCacheHost.ServiceObject($"ryw-{i}"), "default");
            var rv = ResourceVersions.Parse(created.Metadata.ResourceVersion);

            await host.Informer.WaitForResourceVersionAsync(rv, "default", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            var cached = host.Informer.Current.Get("default", $"ryw-{i}");
            Assert.True(cached is not null && cached.ResourceVersion == rv, $"create {i} at {rv} not in the cache");
        }
        Assert.Equal(1001, host.Informer.ObjectsCached);
    }

    [Fact]
    public async Task WaitForResourceVersionAsync_BeforeTheSync_WaitsForIt()
    {
        await using var host = new ServiceCacheHost(output);
        var waiting = host.Informer.WaitForResourceVersionAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await host.StartAsync();

        await waiting.WaitAsync(ServiceCacheHost.Timeout);
        using var cancelled = new CancellationTokenSource();
        var future = host.Informer.WaitForResourceVersionAsync(long.MaxValue, cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => future.WaitAsync(ServiceCacheHost.Timeout));
    }

    [Fact]
    public async Task Informer_ConfiguredNamespaces_CachesOnlyThoseAndTracksEachVersion()
    {
        await using var host = new ServiceCacheHost(output, configure: o => o.Namespaces = ["a", "b"]);
        foreach (var ns in new[] { "a", "b", "c" })
        {
            await host.CreateNamespaceAsync(ns);
            await host.CreateAsync(ns, "one");
        }
        await host.StartAsync();
        var mirror = new ChangeMirror<Service>(host.Informer.Subscribe, singleScope: false);

        var inB = await host.CreateAsync("b", "two");
        await host.CreateAsync("c", "two");
        await host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(inB.Metadata.ResourceVersion), "b", CancellationToken.None)
            .WaitAsync(ServiceCacheHost.Timeout);

        Assert.Equal(["a/one", "b/one", "b/two"], host.Informer.Current.List().Select(o => o.Key.ToString()));
        Assert.True(host.Informer.Covers("a"));
        Assert.False(host.Informer.Covers("c"));
        Assert.False(host.Informer.Covers(null));
        Assert.True(host.Informer.Current.ResourceVersionOf("b") >= ResourceVersions.Parse(inB.Metadata.ResourceVersion));
        Assert.Empty(mirror.Violations);
        Assert.Equal(3, mirror.Versions().Count);
    }

    [Fact]
    public async Task Subscribe_HandlerThrows_InformerKeepsDeliveringToOthers()
    {
        await using var host = new ServiceCacheHost(output);
        await host.StartAsync();
        using var bad = host.Informer.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);

        var created = await host.CreateAsync("default", "after-bug");
        await host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(created.Metadata.ResourceVersion), CancellationToken.None)
            .WaitAsync(ServiceCacheHost.Timeout);

        Assert.Contains(new ObjectKey("default", "after-bug"), mirror.Versions().Keys);
        Assert.NotNull(host.Informer.Current.Get("default", "after-bug"));
        Assert.False(host.Informer.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task WaitForResourceVersion_ReturnsOnlyOnceSubscribersHaveTheChange()
    {
        await using var host = new ServiceCacheHost(output);
        await host.StartAsync();
        using var inHandler = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A subscriber still busy with the change: the store already shows it, the subscriber has not finished.
        using var slow = host.Informer.Subscribe(change =>
        {
            if (change.Current?.Key.Name == "gated")
            {
                inHandler.Set();
                release.Wait(ServiceCacheHost.Timeout);
                handled.TrySetResult();
            }
        });

        var created = await host.CreateAsync("default", "gated");
        Assert.True(inHandler.Wait(ServiceCacheHost.Timeout));
        var waiter = host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(created.Metadata.ResourceVersion), CancellationToken.None);
        // Whether the subscriber had finished, read at the moment the wait ended. Nothing in the informer moves while a
        // subscriber holds its lock, so a wait that ends early has ended by now and reads false before the release.
        var handledWhenWaitEnded = waiter.ContinueWith(_ => handled.Task.IsCompleted, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        release.Set();
        await waiter.WaitAsync(ServiceCacheHost.Timeout);

        Assert.True(await handledWhenWaitEnded.WaitAsync(ServiceCacheHost.Timeout), "the wait ended while a subscriber was still being handed the change");
    }

    [Fact]
    public async Task Informer_Ingresses_SyncsAndFollowsChanges()
    {
        await using var emulator = new KubernetesEmulator();
        using var client = emulator.CreateClient();
        await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("first"), "default");
        using var informer = ResourceInformers.Create(IngressKind.Descriptor, IngressKind.Descriptor.Client(new ApiTransport(client, ServiceCacheHost.Timeout)), ServiceCacheHost.FastOptions(), TimeProvider.System, new TestLogger(output));
        using var stop = new CancellationTokenSource();
        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);

        var second = await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("second"), "default");
        await informer.WaitForResourceVersionAsync(ResourceVersions.Parse(second.Metadata.ResourceVersion), CancellationToken.None)
            .WaitAsync(ServiceCacheHost.Timeout);

        Assert.Equal(["default/first", "default/second"], informer.Current.List().Select(o => o.Key.ToString()));
        Assert.Equal(IngressMapping.ToProto(second), informer.Current.Get("default", "second")!.Decode());
        await stop.CancelAsync();
        await informer.StopAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);
    }

    [Fact]
    public async Task Informer_SourceThrowsAnything_NeverFaultsAndSyncsOnceItRecovers()
    {
        await using var emulator = new KubernetesEmulator();
        using var client = emulator.CreateClient();
        var source = new FlakySource(new ResourceListerWatcher<V1Service>(ServiceKind.Descriptor.Client(new ApiTransport(client, ServiceCacheHost.Timeout)), null), failures: 3);
        using var informer = new ResourceInformer<Service, V1Service>([source], new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor), ServiceCacheHost.FastOptions(),
            TimeProvider.System, new TestLogger(output));
        emulator.Faults.FailNextRequests(2, 503, retryAfterSeconds: 0);
        using var stop = new CancellationTokenSource();

        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);

        Assert.Equal(5, informer.Metrics.ListFailures);
        Assert.False(informer.ExecuteTask!.IsCompleted);
        await stop.CancelAsync();
        await informer.StopAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);
        Assert.True(informer.ExecuteTask.IsCompletedSuccessfully);
    }

    private static V1Ingress Ingress(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1IngressSpec
        {
            DefaultBackend = new V1IngressBackend
            {
                Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } },
            },
        },
    };

    /// <summary>Throws a non-HTTP exception from its first lists, as a bug or a broken proxy might.</summary>
    private sealed class FlakySource(IListerWatcher<V1Service> inner, int failures) : IListerWatcher<V1Service>
    {
        private int _failures = failures;

        public string? Namespace => inner.Namespace;

        public Task<KubeRpc.Server.Kubernetes.ModelPage<V1Service>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new InvalidOperationException("injected")
                : inner.ListAsync(limit, continueToken, cancellationToken);

        public IAsyncEnumerable<(WatchEventType Type, V1Service Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
            Action<Exception> onError, CancellationToken cancellationToken) =>
            inner.WatchAsync(resourceVersion, timeoutSeconds, onError, cancellationToken);
    }
}
