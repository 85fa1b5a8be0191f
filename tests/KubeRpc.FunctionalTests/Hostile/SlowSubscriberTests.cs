using System.Globalization;
using Grpc.Core;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Watching;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// A subscriber that stops reading, on a real HTTP/2 connection: once its queue overflows it is ended and its slot is
/// free at once, although the server's writer is blocked on it by flow control; the stream is reset, and the client
/// resumes from the last version it received without losing anything.
/// </summary>
public sealed class SlowSubscriberTests
{
    [Fact]
    public async Task StoppedReading_SlotFreedAtOnceWhileBlocked_StreamResetAndResumeLosesNothing()
    {
        await using var host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Watch:QueueCapacity"] = "16" });
        var limiter = host.ServerServices.GetRequiredService<WatchLimiter>();
        using var stalled = ServiceWatch.Start(host, new WatchServicesRequest());
        await stalled.UntilAsync(w => w.InitialEventsEnded);
        Assert.Equal(1, limiter.Open);

        // 64 KB objects: HTTP/2 flow control stops the server's writes after a few, then the queue overflows.
        var padding = new string('x', 64 * 1024);
        var informer = host.ServerServices.GetRequiredService<ResourceInformer<Service, V1Service>>();
        for (var i = 0; limiter.Open > 0; i++)
        {
            Assert.True(i < 200, "the stalled stream was never ended");
            var created = await host.Kubernetes.CreateAsync($"slow{i}", padding: padding);
            // The cache's subscribers, the broadcaster among them, have the change: it has gone to every queue.
            await informer.WaitForResourceVersionAsync(long.Parse(created.Metadata.ResourceVersion, CultureInfo.InvariantCulture), CancellationToken.None)
                .DefaultTimeout($"the broadcaster to have slow{i}");
        }

        // Freed without the client reading anything: now it reads what reached it, then the reset.
        var e = await Assert.ThrowsAsync<RpcException>(() => stalled.UntilAsync(_ => false).DefaultTimeout());
        // Blocked in a write, the stream was reset (the usual case). Ended between writes, the status got through.
        if (e.StatusCode == StatusCode.Aborted)
        {
            Assert.Equal("WATCH_TOO_SLOW", e.Info().Reason);
            Assert.Equal(stalled.ResourceVersion, e.Info().Metadata["resource_version"]);
        }
        else
        {
            Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        }
        using var resumed = ServiceWatch.Start(host, new WatchServicesRequest { ResourceVersion = stalled.ResourceVersion });
        foreach (var pair in stalled.State)
        {
            resumed.State[pair.Key] = pair.Value;
        }
        await resumed.ConvergeAsync(host.Kubernetes);
        Assert.Empty(resumed.Violations);
        Assert.Empty(stalled.Violations);
    }
}
