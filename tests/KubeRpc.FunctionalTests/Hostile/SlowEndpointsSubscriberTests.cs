using System.Globalization;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// A WatchServiceEndpoints client that stops reading, on a real HTTP/2 connection: coalescing keeps the server's memory
/// at one set, and once the stream has not caught up through Watch:QueueCapacity changes it is ended and its slot freed
/// at once, although its writer is blocked by flow control; a resume from its last version gets the current set.
/// </summary>
public sealed class SlowEndpointsSubscriberTests
{
    [Fact]
    public async Task StoppedReading_EndedAndSlotFreedWhileBlocked_ResumeGetsTheCurrentSet()
    {
        await using var host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Watch:QueueCapacity"] = "16" });
        var limiter = host.ServerServices.GetRequiredService<WatchLimiter>();
        var slices = host.ServerServices.GetRequiredService<ResourceInformer<ServiceEndpoints, V1EndpointSlice>>();
        await host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "big" },
            Spec = new V1ServiceSpec { ClusterIP = "None", Ports = [new V1ServicePort { Name = "grpc", Port = 80 }] },
        }, "default").DefaultTimeout();
        var slice = await host.Kubernetes.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(0), "default").DefaultTimeout();

        // The first set read, then no more: the client's HTTP/2 window fills after a few sets of 100 endpoints, then the
        // server's write blocks.
        using var stalled = host.Services.WatchServiceEndpoints(new WatchServiceEndpointsRequest { Namespace = "default", Name = "big" });
        Assert.True(await stalled.ResponseStream.MoveNext().DefaultTimeout());
        var last = stalled.ResponseStream.Current.ResourceVersion;
        Assert.Equal(1, limiter.Open);
        for (var round = 1; limiter.Open > 0; round++)
        {
            Assert.True(round < 500, "the stalled stream was never ended");
            slice = await host.Kubernetes.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(Slice(round, slice.Metadata.ResourceVersion), "big", "default")
                .DefaultTimeout();
            await slices.WaitForResourceVersionAsync(long.Parse(slice.Metadata.ResourceVersion, CultureInfo.InvariantCulture), CancellationToken.None)
                .DefaultTimeout($"the index to have round {round}");
        }

        // Freed without the client reading: now it reads what reached it, then the reset (or the status, if it got through).
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stalled.ResponseStream.MoveNext().DefaultTimeout())
            {
                last = stalled.ResponseStream.Current.ResourceVersion;
            }
        });
        Assert.True(e.StatusCode is StatusCode.Cancelled or StatusCode.Aborted, e.Status.ToString());
        using var resumed = host.Services.WatchServiceEndpoints(new WatchServiceEndpointsRequest { Namespace = "default", Name = "big", ResourceVersion = last });
        Assert.True(await resumed.ResponseStream.MoveNext().DefaultTimeout());
        var current = resumed.ResponseStream.Current;
        Assert.Equal(ServiceEndpointsEventType.Changed, current.Type);
        Assert.Equal(slice.Endpoints.Select(x => x.Addresses[0]).Order(), current.Endpoints.Endpoints.Select(x => x.Addresses[0]).Order());
    }

    /// <summary>A slice of 100 endpoints with long hostnames, one address moved each round, so every round is a new set.</summary>
    private static V1EndpointSlice Slice(int round, string? resourceVersion = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "big", ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "big" },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Name = "grpc", Port = 8080, Protocol = "TCP" }],
        Endpoints = [.. Enumerable.Range(0, 100).Select(i => new V1Endpoint
        {
            Addresses = [i == 0 ? $"10.1.{round / 250}.{(round % 250) + 1}" : $"10.0.0.{i + 1}"],
            Hostname = $"host-{i}-{new string('h', 40)}",
        })],
    };
}
