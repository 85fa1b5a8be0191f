using System.Diagnostics;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>The fault scenarios at 10,000 Services in 50 namespaces.</summary>
public sealed class InformerScaleTests(ITestOutputHelper output)
{
    private const int Namespaces = 50;
    private const int PerNamespace = 200;

    [Fact]
    public async Task Informer_10000ServicesIn50Namespaces_SyncsAndConvergesExactlyThroughDropsExpiriesAndErrors()
    {
        await using var host = new ServiceCacheHost(output);
        var namespaces = Enumerable.Range(0, Namespaces).Select(i => $"ns-{i:D2}").ToList();
        await Task.WhenAll(namespaces.Select(host.CreateNamespaceAsync));
        // Four creators at a time: the emulator serialises writes anyway, this only overlaps the client work.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < Namespaces * PerNamespace; i += 4)
            {
                await host.CreateAsync(namespaces[i % Namespaces], $"svc-{i / Namespaces:D3}",
                    new Dictionary<string, string> { ["app"] = $"app-{i % 10}" });
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));

        var started = Stopwatch.StartNew();
        await host.StartAsync();
        output.WriteLine($"initial sync of {host.Informer.ObjectsCached} services: {started.ElapsedMilliseconds} ms");
        Assert.Equal(Namespaces * PerNamespace + 1, host.Informer.ObjectsCached);
        Assert.Equal(Namespaces * PerNamespace / 10, host.Informer.Current.List().Count(o => o.Labels.TryGetValue("app", out var app) && app == "app-3"));
        using var mirror = new ChangeMirror<Service>(host.Informer.Subscribe);

        var faults = host.Emulator.Faults;
        faults.Latency = TimeSpan.FromMilliseconds(1);
        var drops = new InformerFaultTests.WatchDropper(host);
        int[] codes = [429, 500, 503];
        var writers = new ChaosWriters(host.Client, namespaces, seed: 3);
        var expiries = 0;
        await writers.RunAsync(writers: 4, operationsEach: 150, faultEvery: 6, random =>
        {
            switch (random.Next(6))
            {
                case 0 when expiries < 3:
                    // The next watch gets 410: a full relist of 10,000 objects while the writers carry on.
                    expiries++;
                    faults.ExpireNextWatches(1);
                    faults.EndAllWatches();
                    break;
                case 1:
                    faults.FailNextRequests(random.Next(1, 4), codes[random.Next(codes.Length)], retryAfterSeconds: 0);
                    break;
                default:
                    drops.DropIfLive();
                    break;
            }
        }).WaitAsync(TimeSpan.FromMinutes(2));
        faults.Reset();

        await ServerState.AssertCacheMatchesAsync(host.Informer, host.Client, ServiceCacheHost.Timeout);
        ServerState.AssertMirrorMatches(mirror, host.Informer);
        var metrics = host.Informer.Metrics;
        output.WriteLine($"relists {metrics.Relists}, restarts {string.Join(", ", metrics.WatchRestartsByCause)}, " +
            $"list failures {metrics.ListFailures}, events {metrics.EventsReceived}, writer deletes {writers.Deletes}");
        Assert.True(metrics.Relists >= 1, "no relist happened");
    }
}
