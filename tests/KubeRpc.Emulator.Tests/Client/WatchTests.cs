using System.Threading.Channels;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>WATCH through KubernetesClient: initial events, resume, 410, selector transitions, bookmarks, faults.</summary>
public sealed class WatchTests() : EmulatorTest(new EmulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) })
{
    /// <summary>Runs a watch in the background, collecting (type, name, rv) and errors into channels.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly Task _pump;

        public Watch(IKubernetes client, string? rv, string? labelSelector = null, bool bookmarks = false, int? timeoutSeconds = null,
            bool? sendInitialEvents = null, string? resourceVersionMatch = null)
        {
            _pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var (type, svc) in client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: rv,
                        labelSelector: labelSelector, allowWatchBookmarks: bookmarks, timeoutSeconds: timeoutSeconds,
                        sendInitialEvents: sendInitialEvents, resourceVersionMatch: resourceVersionMatch,
                        onError: e => Errors.Writer.TryWrite(e), cancellationToken: _cts.Token))
                    {
                        Events.Writer.TryWrite((type, svc));
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
                {
                }
                finally
                {
                    Events.Writer.TryComplete();
                }
            });
        }

        public Channel<(WatchEventType Type, V1Service Object)> Events { get; } = Channel.CreateUnbounded<(WatchEventType, V1Service)>();

        public Channel<Exception> Errors { get; } = Channel.CreateUnbounded<Exception>();

        public async Task<(WatchEventType Type, V1Service Object)> NextAsync(bool skipBookmarks = true)
        {
            while (true)
            {
                var e = await Events.Reader.ReadAsync().AsTask().DefaultTimeout();
                if (!skipBookmarks || e.Type != WatchEventType.Bookmark)
                {
                    return e;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            await _pump.WaitAsync(TaskTimeouts.Default);
            _cts.Dispose();
        }
    }

    [Fact]
    public async Task Watch_FromNoVersion_SendsSyntheticAddedThenLive()
    {
        await using var watch = new Watch(Client, null);
        var initial = await watch.NextAsync();
        Assert.Equal((WatchEventType.Added, "kubernetes"), (initial.Type, initial.Object.Metadata.Name));
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var added = await watch.NextAsync();
        Assert.Equal((WatchEventType.Added, "web"), (added.Type, added.Object.Metadata.Name));
    }

    [Fact]
    public async Task Watch_FromListVersion_SendsOnlyLaterChangesInOrder()
    {
        var list = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        await using var watch = new Watch(Client, list.Metadata.ResourceVersion);
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
        var updated = await Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default").DefaultTimeout();
        await Client.CoreV1.DeleteNamespacedServiceAsync("web", "default").DefaultTimeout();

        var e1 = await watch.NextAsync();
        var e2 = await watch.NextAsync();
        var e3 = await watch.NextAsync();
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], [e1.Type, e2.Type, e3.Type]);
        Assert.Equal(created.Metadata.ResourceVersion, e1.Object.Metadata.ResourceVersion);
        Assert.Equal(updated.Metadata.ResourceVersion, e2.Object.Metadata.ResourceVersion);
        Assert.True(long.Parse(e3.Object.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(e2.Object.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), "DELETED carries the deletion's version");
    }

    [Fact]
    public async Task Watch_ResumeAfterDrop_LosesNothing()
    {
        var list = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        string lastSeen;
        await using (var watch = new Watch(Client, list.Metadata.ResourceVersion))
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("a"), "default").DefaultTimeout();
            lastSeen = (await watch.NextAsync()).Object.Metadata.ResourceVersion;
            Emulator.Faults.EndAllWatches();
            Assert.False(await watch.Events.Reader.WaitToReadAsync().AsTask().DefaultTimeout(), "the dropped watch ends");
        }
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("b"), "default").DefaultTimeout();
        await using var resumed = new Watch(Client, lastSeen);
        var next = await resumed.NextAsync();
        Assert.Equal((WatchEventType.Added, "b"), (next.Type, next.Object.Metadata.Name));
    }

    [Fact]
    public async Task Watch_TooOldVersion_Error410ThenClose()
    {
        await using var emulator = new KubernetesEmulator(new EmulatorOptions { History = new() { MinEvents = 2, MinAge = TimeSpan.Zero } });
        using var client = emulator.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"s{i}"), "default").DefaultTimeout();
        }
        await using var watch = new Watch(client, "2");
        var error = await watch.Errors.Reader.ReadAsync().AsTask().DefaultTimeout();
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
        Assert.StartsWith("too old resource version: 2 (", status.Message);
        Assert.False(await watch.Events.Reader.WaitToReadAsync().AsTask().DefaultTimeout(), "the stream closes after the error");
    }

    [Fact]
    public async Task Watch_InjectedExpiry_Error410()
    {
        Emulator.Faults.ExpireNextWatches(1);
        await using var watch = new Watch(Client, Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = await watch.Errors.Reader.ReadAsync().AsTask().DefaultTimeout();
        Assert.Equal(410, Assert.IsType<KubernetesException>(error).Status.Code);
    }

    [Fact]
    public async Task Watch_LabelSelector_TransitionsAreAddedAndDeleted()
    {
        var list = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        await using var watch = new Watch(Client, list.Metadata.ResourceVersion, labelSelector: "tier=fe");
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web", labels: new Dictionary<string, string> { ["tier"] = "be" }), "default").DefaultTimeout();
        svc.Metadata.Labels["tier"] = "fe";
        svc = await Client.CoreV1.ReplaceNamespacedServiceAsync(svc, "web", "default").DefaultTimeout();
        svc.Metadata.Labels["tier"] = "be";
        var left = await Client.CoreV1.ReplaceNamespacedServiceAsync(svc, "web", "default").DefaultTimeout();

        var starts = await watch.NextAsync();
        var stops = await watch.NextAsync();
        Assert.Equal(WatchEventType.Added, starts.Type);
        Assert.Equal("fe", starts.Object.Metadata.Labels["tier"]);
        Assert.Equal(WatchEventType.Deleted, stops.Type);
        // As cache_watcher.go: the previous content, at the version of the change that ended the match.
        Assert.Equal("fe", stops.Object.Metadata.Labels["tier"]);
        Assert.Equal(left.Metadata.ResourceVersion, stops.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_Bookmarks_CarryCurrentVersion()
    {
        var list = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        await using var watch = new Watch(Client, list.Metadata.ResourceVersion, bookmarks: true);
        await Client.CoreV1.CreateNamespaceAsync(Objects.Namespace("elsewhere")).DefaultTimeout();
        var bookmark = await watch.NextAsync(skipBookmarks: false);
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Equal(Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_SendInitialEvents_EndsInitialListWithBookmark()
    {
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        await using var watch = new Watch(Client, null, bookmarks: true, sendInitialEvents: true, resourceVersionMatch: "NotOlderThan");
        var names = new List<string>();
        while (true)
        {
            var e = await watch.NextAsync(skipBookmarks: false);
            if (e.Type == WatchEventType.Bookmark)
            {
                Assert.Equal("true", e.Object.Metadata.Annotations["k8s.io/initial-events-end"]);
                break;
            }
            names.Add(e.Object.Metadata.Name);
        }
        Assert.Equal(["kubernetes", "web"], names);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_ClosesStream()
    {
        await using var watch = new Watch(Client, null, timeoutSeconds: 1);
        await watch.NextAsync();
        Assert.False(await watch.Events.Reader.WaitToReadAsync().AsTask().DefaultTimeout(), "the server closes the watch after timeoutSeconds");
    }

    [Fact]
    public async Task Watch_SlowWatcher_DoesNotBlockWriters()
    {
        // A watch whose reader never reads: writes must still complete promptly.
        using var stalled = await Client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync("default", watch: true).DefaultTimeout();
        for (var i = 0; i < 2000; i++)
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"s{i}"), "default").DefaultTimeout();
        }
        var list = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        Assert.Equal(2001, list.Items.Count);
    }

    [Fact]
    public async Task Watch_WatcherFallsBehindHistory_IsEnded()
    {
        await using var emulator = new KubernetesEmulator(new EmulatorOptions
        {
            History = new() { MinEvents = 10, MinAge = TimeSpan.Zero, MaxEvents = 10 },
            SlowWatcherCheckInterval = TimeSpan.FromMilliseconds(100),
        });
        using var client = emulator.CreateClient();
        using var raw = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://emulator.invalid") };
        using var stalled = await raw.GetAsync("/api/v1/namespaces/default/services?watch=true", HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        var body = await stalled.Content.ReadAsStreamAsync().DefaultTimeout();
        // The stream's producer starts on the thread pool.
        await emulator.UntilOpenWatchesAsync(n => n > 0, "the stalled watch to start streaming", TaskTimeouts.Default);
        for (var i = 0; i < 2000; i++)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"s{i}"), "default").DefaultTimeout();
        }
        // The server ends the stalled watch once it is behind the history; then what was buffered drains and the stream ends.
        await emulator.UntilOpenWatchesAsync(n => n == 0, "the stalled watch to be ended", TaskTimeouts.Default);
        using var reader = new StreamReader(body);
        var lines = 0;
        while (await reader.ReadLineAsync().DefaultTimeout() is not null)
        {
            lines++;
        }
        Assert.InRange(lines, 1, 1999);
    }

    [Fact]
    public async Task Watch_BookmarksWhileWriting_NeverRunAheadOfAnEvent()
    {
        // A bookmark tells the watcher it has every event up to its version; one sent while a write was between
        // taking its version and appending its event made informers drop that event as already seen.
        await using var emulator = new KubernetesEmulator(new EmulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(1) });
        using var client = emulator.CreateClient();
        using var raw = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://emulator.invalid") };
        using var response = await raw.GetAsync("/api/v1/namespaces/default/services?watch=true&allowWatchBookmarks=true&resourceVersion=1",
            HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().DefaultTimeout());
        // A large annotation makes each write's encoding (between taking its version and appending its event) slow.
        var padding = new string('x', 100_000);
        var writers = Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var service = Objects.Service($"w{w}-{i}");
                service.Metadata.Annotations = new Dictionary<string, string> { ["padding"] = padding };
                // Writes to another resource move the global version too, as in a real cluster.
                await client.CoreV1.CreateNamespacedServiceAsync(service, "default");
                await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"x{w}-{i}" } }, "default");
            }
        })));
        long bookmarked = 0;
        var added = 0;
        while (added < 400 && await reader.ReadLineAsync().DefaultTimeout() is { } line)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString();
            var rv = long.Parse(doc.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString()!,
                System.Globalization.CultureInfo.InvariantCulture);
            if (type == "BOOKMARK")
            {
                bookmarked = Math.Max(bookmarked, rv);
                continue;
            }
            Assert.True(rv > bookmarked, $"{type} at {rv} arrived after a BOOKMARK at {bookmarked}");
            added++;
        }
        await writers.DefaultTimeout();
        Assert.Equal(400, added);
    }
}
