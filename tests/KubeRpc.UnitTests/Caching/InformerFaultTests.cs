using k8s;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>
/// The informer through every fault the emulator and the transport can inject: after the faults stop, the
/// cache must equal the server exactly, and a subscriber replaying its changes must hold the same.
/// </summary>
public sealed class InformerFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = ServiceCacheHost.Timeout;

    [Fact]
    public async Task Informer_WatchesDroppedAtRandomUnderConcurrentWriters_ConvergesExactlyAndLosesNoChange()
    {
        await using var host = new ServiceCacheHost(output);
        string[] namespaces = ["w0", "w1", "w2"];
        foreach (var ns in namespaces)
        {
            await host.CreateNamespaceAsync(ns);
        }
        await host.StartAsync();
        using var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);
        var writers = new ChaosWriters(host.Client, namespaces, seed: 1);
        host.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(1);
        var drops = new WatchDropper(host);

        await writers.RunAsync(writers: 4, operationsEach: 150, faultEvery: 5, _ => drops.DropIfLive()).WaitAsync(Wait);
        host.Emulator.Faults.Reset();

        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, Wait);
        ServerState.AssertMirrorMatches(mirror, host.Informer);
        var metrics = host.Informer.Metrics;
        // A drop can fall between two watches and end nothing, so count the watches that really ended.
        Assert.True(metrics.WatchRestarts(WatchRestartCause.Closed) + metrics.WatchRestarts(WatchRestartCause.QuietClose) >= 15,
            $"restarts: {string.Join(", ", metrics.WatchRestartsByCause)}; events {metrics.EventsReceived}");
        Assert.True(writers.Deletes > 20);
    }

    [Fact]
    public async Task Informer_PartitionedLongerThanTheHistory_RelistsWithASyntheticDeleteForEveryObjectDeletedMeanwhile()
    {
        var shortHistory = new EmulatorOptions
        {
            History = new HistoryOptions { MinEvents = 5, MinAge = TimeSpan.Zero, MaxEvents = 5 },
            BookmarkInterval = TimeSpan.FromMilliseconds(250),
        };
        await using var host = new ServiceCacheHost(output, shortHistory);
        for (var i = 0; i < 20; i++)
        {
            await host.CreateAsync("default", $"gap-{i}");
        }
        await host.StartAsync();
        using var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);
        var watchEnded = Signal(host.Informer.Metrics, _ => true);

        host.Transport.Partition();
        host.Emulator.Faults.EndAllWatches();
        await watchEnded.WaitAsync(Wait);
        await host.Transport.RequestHeld.WaitAsync(Wait);
        for (var i = 0; i < 10; i++)
        {
            await host.Client.CoreV1.DeleteNamespacedServiceAsync($"gap-{i}", "default");
        }
        for (var i = 10; i < 15; i++)
        {
            await host.Client.CoreV1.PatchNamespacedServiceAsync(
                new k8s.Models.V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", k8s.Models.V1Patch.PatchType.MergePatch), $"gap-{i}", "default");
        }
        await host.CreateAsync("default", "after-gap");
        host.Transport.Heal();

        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, Wait);
        ServerState.AssertMirrorMatches(mirror, host.Informer);
        var deletes = mirror.Deletes;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"default/gap-{i}"), deletes.Select(d => d.Key.ToString()));
        Assert.All(deletes, d => Assert.True(d.Synthetic && d.Current is null && d.Previous is not null));
        Assert.True(host.Informer.Metrics.WatchRestarts(WatchRestartCause.Expired) >= 1);
        Assert.True(host.Informer.Metrics.Relists >= 1);
        Assert.Equal("yes", host.Informer.Current.Get("default", "gap-12")!.Labels["touched"]);
    }

    [Fact]
    public async Task Informer_ConsecutiveExpiredWatches_RelistsEachTimeAndConverges()
    {
        await using var host = new ServiceCacheHost(output);
        for (var i = 0; i < 10; i++)
        {
            await host.CreateAsync("default", $"exp-{i}");
        }
        await host.StartAsync();
        using var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);
        var thirdExpiry = Signal(host.Informer.Metrics, c => c == WatchRestartCause.Expired, count: 3);

        host.Emulator.Faults.ExpireNextWatches(3);
        host.Emulator.Faults.EndAllWatches();
        await host.Client.CoreV1.DeleteNamespacedServiceAsync("exp-0", "default");
        await host.CreateAsync("default", "exp-new");
        await thirdExpiry.WaitAsync(Wait);
        // Only the relist after the third expiry can bring the cache to this write.
        var last = await host.CreateAsync("default", "exp-last");
        await host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(last.Metadata.ResourceVersion), CancellationToken.None).WaitAsync(Wait);

        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, Wait);
        ServerState.AssertMirrorMatches(mirror, host.Informer);
        Assert.True(host.Informer.Metrics.Relists >= 3, $"{host.Informer.Metrics.Relists} relists");
        Assert.Null(host.Informer.Current.Get("default", "exp-0"));
    }

    [Fact]
    public async Task Informer_429_500_503BurstsAndLatencyUnderWriters_RetriesAndConverges()
    {
        await using var host = new ServiceCacheHost(output);
        string[] namespaces = ["default", "x"];
        await host.CreateNamespaceAsync("x");
        await host.StartAsync();
        using var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);
        var faults = host.Emulator.Faults;

        // With no writer running, these failures can only hit the informer's own re-watch.
        var threeErrors = Signal(host.Informer.Metrics, c => c == WatchRestartCause.Error, count: 3);
        faults.FailNextRequests(3, 429, retryAfterSeconds: 0);
        faults.EndAllWatches();
        await threeErrors.WaitAsync(Wait);

        faults.Latency = TimeSpan.FromMilliseconds(2);
        var drops = new WatchDropper(host);
        int[] codes = [429, 500, 503];
        var writers = new ChaosWriters(host.Client, namespaces, seed: 2);
        await writers.RunAsync(writers: 3, operationsEach: 100, faultEvery: 10, random =>
        {
            faults.FailNextRequests(random.Next(1, 6), codes[random.Next(codes.Length)], retryAfterSeconds: 0);
            drops.DropIfLive();
        }).WaitAsync(Wait);
        faults.Reset();

        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, Wait);
        ServerState.AssertMirrorMatches(mirror, host.Informer);
        Assert.True(host.Informer.Metrics.WatchRestarts(WatchRestartCause.Error) >= 3);
        Assert.False(host.Informer.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Informer_WatchGoesSilentWithoutClosing_WatchdogRestartsItFromTheSameVersion()
    {
        await using var host = new ServiceCacheHost(output, configure: o => o.StallTimeout = TimeSpan.FromMilliseconds(500));
        await host.StartAsync();
        var stalled = Signal(host.Informer.Metrics, c => c == WatchRestartCause.Stalled);

        host.Transport.SilenceNextWatches(1);
        host.Emulator.Faults.EndAllWatches();
        await stalled.WaitAsync(Wait);
        var created = await host.CreateAsync("default", "after-stall");

        await host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(created.Metadata.ResourceVersion), CancellationToken.None)
            .WaitAsync(Wait);
        Assert.NotNull(host.Informer.Current.Get("default", "after-stall"));
        Assert.Equal(0, host.Informer.Metrics.Relists);
    }

    [Fact]
    public async Task Informer_QuietWatchEndsAtItsTimeoutWithoutEvents_ResumesWithoutRelisting()
    {
        var noBookmarks = new EmulatorOptions { BookmarkInterval = TimeSpan.FromHours(1) };
        await using var host = new ServiceCacheHost(output, noBookmarks, o => o.MinWatchTimeout = TimeSpan.FromSeconds(1));
        await host.StartAsync();
        var quiet = Signal(host.Informer.Metrics, c => c == WatchRestartCause.QuietClose);

        await quiet.WaitAsync(Wait);
        var created = await host.CreateAsync("default", "after-quiet");

        await host.Informer.WaitForResourceVersionAsync(ResourceVersions.Parse(created.Metadata.ResourceVersion), CancellationToken.None)
            .WaitAsync(Wait);
        Assert.Equal(0, host.Informer.Metrics.Relists);
        Assert.Equal(0, host.Informer.Metrics.WatchRestarts(WatchRestartCause.Error));
    }

    /// <summary>
    /// Ends every watch, but only once the informer's current watch has delivered something since the last
    /// drop, so each drop lands on a live watch in the middle of the writes rather than on one still starting.
    /// </summary>
    internal sealed class WatchDropper(ServiceCacheHost host)
    {
        private long _eventsAtLastDrop = -1;

        public int Drops { get; private set; }

        public void DropIfLive()
        {
            var events = host.Informer.Metrics.EventsReceived;
            if (events > _eventsAtLastDrop)
            {
                _eventsAtLastDrop = events;
                host.Emulator.Faults.EndAllWatches();
                Drops++;
            }
        }
    }

    /// <summary>Completes when the informer has restarted a watch <paramref name="count"/> times for a matching cause.</summary>
    internal static Task Signal(InformerMetrics metrics, Func<WatchRestartCause, bool> match, int count = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        metrics.WatchRestarted += cause =>
        {
            if (match(cause) && Interlocked.Increment(ref seen) >= count)
            {
                done.TrySetResult();
            }
        };
        return done.Task;
    }
}
