using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>
/// Under concurrent writers, joins at any moment, and API-side watch failures, every subscriber's reconstructed
/// state ends equal to the cluster's, with no event lost, doubled or out of order.
/// </summary>
public sealed class WatchConvergenceTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Watch_SubscribeDuringConcurrentWrites_StateEqualsFinalList()
    {
        var watches = new List<ServiceWatch>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(() => WriteAsync(_host.Kubernetes, $"w{w}", 40))).ToList();
        // Join while the writers run, each at a different moment.
        for (var i = 0; i < 5; i++)
        {
            var watch = ServiceWatch.Start(_host, new WatchServicesRequest());
            await watch.UntilAsync(w => w.InitialEventsEnded);
            watches.Add(watch);
        }
        await Task.WhenAll(writers).DefaultTimeout();

        foreach (var watch in watches)
        {
            await watch.ConvergeAsync(_host.Kubernetes);
            Assert.Empty(watch.Violations);
            watch.Dispose();
        }
    }

    [Fact]
    public async Task Watch_ApiWatchesDroppedAndExpired_SubscribersConverge()
    {
        var watches = Enumerable.Range(0, 3).Select(_ => ServiceWatch.Start(_host, new WatchServicesRequest())).ToList();
        using var labelled = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "keep=yes" });
        foreach (var watch in watches.Append(labelled))
        {
            await watch.UntilAsync(w => w.InitialEventsEnded);
        }
        await WriteAsync(_host.Kubernetes, "before", 10);

        // A dropped watch: the informer resumes from its last version.
        _host.Emulator.Faults.EndAllWatches();
        await WriteAsync(_host.Kubernetes, "dropped", 10);
        // A 410: the informer relists, and the differences reach subscribers as synthetic changes.
        _host.Emulator.Faults.ExpireNextWatches(2);
        _host.Emulator.Faults.EndAllWatches();
        await WriteAsync(_host.Kubernetes, "expired", 10);
        await _host.Kubernetes.DeleteAsync("before-0");

        foreach (var watch in watches)
        {
            await watch.ConvergeAsync(_host.Kubernetes);
            Assert.Empty(watch.Violations);
            watch.Dispose();
        }
        await labelled.ConvergeAsync(_host.Kubernetes, "keep=yes");
        Assert.Empty(labelled.Violations);
    }

    /// <summary>Creates, relabels (in and out of keep=yes) and deletes services named after <paramref name="prefix"/>.</summary>
    private static async Task WriteAsync(IKubernetes cluster, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await cluster.CreateAsync($"{prefix}-{i}", new Dictionary<string, string> { ["keep"] = "yes" });
            if (i % 3 == 1)
            {
                await cluster.LabelAsync($"{prefix}-{i - 1}", "keep", "no");
            }
            if (i % 4 == 3)
            {
                await cluster.DeleteAsync($"{prefix}-{i - 2}");
            }
        }
    }
}
