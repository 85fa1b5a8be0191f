using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>WatchIngresses shares the machinery of WatchServices; these check its wiring and its own field rules.</summary>
public sealed class WatchIngressesTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static V1Ingress Web(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1IngressSpec { DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } },
    };

    [Fact]
    public async Task Watch_Ingresses_SnapshotThenLiveEvents()
    {
        var first = await _host.Kubernetes.NetworkingV1.CreateNamespacedIngressAsync(Web("first"), "default").DefaultTimeout();
        using var call = _host.Ingresses.WatchIngresses(new WatchIngressesRequest
        {
            ResourceVersion = first.Metadata.ResourceVersion,
            SendInitialEvents = true,
        });
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        var events = new List<IngressEvent>();

        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        events.Add(call.ResponseStream.Current);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        events.Add(call.ResponseStream.Current);
        await _host.Kubernetes.NetworkingV1.DeleteNamespacedIngressAsync("first", "default").DefaultTimeout();
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        events.Add(call.ResponseStream.Current);

        Assert.Equal([EventType.Added, EventType.Bookmark, EventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("first", events[0].Ingress.Metadata.Name);
        Assert.True(events[1].InitialEventsEnd);
        Assert.Equal("first", events[2].Ingress.Metadata.Name);
    }

    [Fact]
    public async Task Watch_IngressFieldNotSelectable_InvalidArgumentInKubernetesWords()
    {
        using var call = _host.Ingresses.WatchIngresses(new WatchIngressesRequest { FieldSelector = "spec.ingressClassName=nginx" });

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => call.ResponseStream.MoveNext());

        Assert.Contains("\"spec.ingressClassName\" is not a known field selector", e.Status.Detail, StringComparison.Ordinal);
    }
}
