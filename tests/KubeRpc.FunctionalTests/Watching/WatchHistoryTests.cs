using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>The watch history's limits: an expired resume, a stalled subscriber, the subscription cap.</summary>
public sealed class WatchHistoryTests
{
    [Fact]
    public async Task Watch_ResumeOlderThanHistory_OutOfRangeResourceVersionExpired()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Watch:HistoryCapacity"] = "2",
            ["Watch:HistoryRetention"] = "00:00:00",
        });
        using var watch = ServiceWatch.Start(host, new WatchServicesRequest());
        await watch.UntilAsync(w => w.InitialEventsEnded);
        var old = watch.ResourceVersion;
        for (var i = 0; i < 5; i++)
        {
            await host.Kubernetes.CreateAsync($"e{i}");
        }
        await watch.ConvergeAsync(host.Kubernetes);

        using var call = host.Services.WatchServices(new WatchServicesRequest { ResourceVersion = old });
        var e = await RpcErrors.FailsWith(StatusCode.OutOfRange, () => call.ResponseStream.MoveNext());

        Assert.Equal("RESOURCE_VERSION_EXPIRED", e.Info().Reason);
        Assert.Equal("kuberpc.io", e.Info().Domain);
        // A resume within the history still works.
        using var recent = ServiceWatch.Start(host, new WatchServicesRequest { ResourceVersion = watch.Events[^2].ResourceVersion });
        await recent.UntilAsync(w => w.Events.Count == 1);
        Assert.Equal("default/e4", ServiceWatch.Key(recent.Events[0].Service));
    }

    [Fact]
    public async Task Watch_StalledSubscriber_EndedWatchTooSlowWhile100OthersKeepPace()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:QueueCapacity"] = "48" });
        using var stalled = ServiceWatch.Start(host, new WatchServicesRequest());
        await stalled.UntilAsync(w => w.InitialEventsEnded);
        var others = Enumerable.Range(0, 100).Select(_ => ServiceWatch.Start(host, new WatchServicesRequest())).ToList();
        var padding = new string('x', 16 * 1024);

        foreach (var w in others)
        {
            await w.UntilAsync(x => x.InitialEventsEnded);
        }
        // The others read each event as it comes; the stalled one reads nothing until the end.
        for (var i = 0; i < 120; i++)
        {
            await host.Kubernetes.CreateAsync($"big{i}", padding: padding);
            foreach (var w in others)
            {
                await w.UntilAsync(x => x.State.ContainsKey($"default/big{i}"));
            }
        }

        var e = await Assert.ThrowsAsync<RpcException>(() => stalled.UntilAsync(_ => false).DefaultTimeout());
        // Blocked in a write to it, the stream is reset: no status can pass the messages it has not read. Otherwise
        // it gets ABORTED with its last version.
        if (e.StatusCode == StatusCode.Aborted)
        {
            Assert.Equal("WATCH_TOO_SLOW", e.Info().Reason);
            Assert.Equal(stalled.ResourceVersion, e.Info().Metadata["resource_version"]);
        }
        else
        {
            Assert.Contains("reset", e.Status.Detail, StringComparison.OrdinalIgnoreCase);
        }
        // It resumes from its last version and loses nothing.
        using var resumed = ServiceWatch.Start(host, new WatchServicesRequest { ResourceVersion = stalled.ResourceVersion });
        var expected = await ServiceWatch.ClusterStateAsync(host.Kubernetes);
        foreach (var pair in stalled.State)
        {
            resumed.State[pair.Key] = pair.Value;
        }
        await resumed.UntilAsync(w => w.Matches(expected));
        foreach (var w in others)
        {
            await w.UntilAsync(x => x.Matches(expected));
            Assert.DoesNotContain(w.Events, x => x.Type == EventType.Unspecified);
            Assert.Empty(w.Violations);
            w.Dispose();
        }
    }

    [Fact]
    public async Task Watch_MoreThanTheCap_ResourceExhausted()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:MaxSubscriptions"] = "2" });
        using var a = ServiceWatch.Start(host, new WatchServicesRequest());
        using var b = ServiceWatch.Start(host, new WatchServicesRequest());
        await a.UntilAsync(w => w.InitialEventsEnded);
        await b.UntilAsync(w => w.InitialEventsEnded);

        using var c = host.Services.WatchServices(new WatchServicesRequest());
        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted, () => c.ResponseStream.MoveNext());

        Assert.Equal("kuberpc.io", e.Info().Domain);
    }
}
