using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static KubeRpc.Emulator.Tests.EndpointSlices.SliceObjects;

namespace KubeRpc.Emulator.Tests.EndpointSlices;

/// <summary>
/// The EndpointSlice controller through KubernetesClient: slices follow Pods created, made not ready, deleted and
/// relabelled, and Services whose selector or ports change; publishNotReadyAddresses, headless Services, 100 endpoints
/// to a slice, and slices of selector-less Services left alone.
/// </summary>
public sealed class EndpointSliceControllerTests : IAsyncLifetime
{
    private static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 2, 15, 4, 5, TimeSpan.Zero));
    private readonly KubernetesEmulator _emulator;
    private readonly IKubernetes _client;

    public EndpointSliceControllerTests()
    {
        _emulator = new KubernetesEmulator(new EmulatorOptions { PodCidr = "10.244.0.0/16", PodShutdown = Shutdown, TimeProvider = _clock });
        _client = _emulator.CreateClient();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task PodsCreated_OneSliceOwnedByTheServiceWithTheirEndpoints()
    {
        var service = await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("b"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("other", app: "db"), "default").DefaultTimeout();

        var slice = Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Count == 2 && Endpoints(s).All(e => e.Conditions.Ready == true)));
        var pods = (await _client.CoreV1.ListNamespacedPodAsync("default")).Items.ToDictionary(p => p.Metadata.Name);
        var nodes = (await _client.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name);

        Assert.Equal("web-", slice.Metadata.GenerateName);
        Assert.StartsWith("web-", slice.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("web", slice.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.Equal("endpointslice-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Service", "web", service.Metadata.Uid, true, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal("IPv4", slice.AddressType);
        var port = Assert.Single(slice.Ports);
        Assert.Equal(("http", 8080, "TCP"), (port.Name, port.Port, port.Protocol));
        Assert.Equal(["a", "b"], slice.Endpoints.Select(e => e.TargetRef.Name).Order());
        foreach (var endpoint in slice.Endpoints)
        {
            var pod = pods[endpoint.TargetRef.Name];
            Assert.Equal([pod.Status.PodIP], endpoint.Addresses);
            Assert.Equal((true, true, false), (endpoint.Conditions.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating));
            Assert.Equal(pod.Spec.NodeName, endpoint.NodeName);
            Assert.Equal(nodes[pod.Spec.NodeName].Metadata.Labels["topology.kubernetes.io/zone"], endpoint.Zone);
            Assert.Equal(("Pod", "default", pod.Metadata.Uid), (endpoint.TargetRef.Kind, endpoint.TargetRef.NamespaceProperty, endpoint.TargetRef.Uid));
            Assert.Null(endpoint.Hostname);
        }
    }

    [Fact]
    public async Task ServiceWithoutPods_NoSliceAndNoWrite_UntilAPodMatches()
    {
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        // A later pass of the controller (it serves "other" the pod created after) has written nothing for web.
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("other", selector: new Dictionary<string, string> { ["app"] = "other" }),
            "default").DefaultTimeout();
        var pod = await _client.CoreV1.CreateNamespacedPodAsync(Pod("b", app: "other"), "default").DefaultTimeout();
        await SlicesUntilAsync("other", s => Endpoints(s).Count == 1);
        var none = await SlicesUntilAsync("web", s => s.Count == 0);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();

        Assert.Empty(none);
        Assert.Equal(ResourceVersions(created) + 1, ResourceVersions(pod) - 1);
        Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Count == 1));
    }

    private static long ResourceVersions(k8s.IKubernetesObject<V1ObjectMeta> o) => long.Parse(o.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task PodMadeNotReady_EndpointNotReadyNotServing_NoChurnOtherwise()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        var ready = Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Any(e => e.Conditions.Ready == true)));

        await NotReadyAsync("a");
        var notReady = Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Any(e => e.Conditions.Ready == false)));
        await Task.Delay(300);
        var later = Assert.Single(await Slices("web"));

        var endpoint = Assert.Single(notReady.Endpoints);
        Assert.Equal((false, false, false), (endpoint.Conditions.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating));
        Assert.Equal(ready.Metadata.Name, notReady.Metadata.Name);
        Assert.Equal(notReady.Metadata.ResourceVersion, later.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task PodDeleted_TerminatingThenGone()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("b"), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => Endpoints(s).Count(e => e.Conditions.Ready == true) == 2);

        await _client.CoreV1.DeleteNamespacedPodAsync("a", "default").DefaultTimeout();
        // Serving follows the pod's Ready condition, which the simulated kubelet turns False once it starts the shutdown.
        var terminating = await SlicesUntilAsync("web", s => Endpoints(s).Any(e => e.Conditions.Terminating == true && e.Conditions.Serving == false));
        await Polling.UntilAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            return (await _client.CoreV1.ListNamespacedPodAsync("default")).Items.Count;
        }, n => n == 1, "pod a to go");
        var gone = await SlicesUntilAsync("web", s => Endpoints(s).Count == 1);

        var a = Endpoints(terminating).Single(e => e.TargetRef.Name == "a");
        Assert.Equal((false, false, true), (a.Conditions.Ready, a.Conditions.Serving, a.Conditions.Terminating));
        Assert.Equal("b", Assert.Single(Endpoints(gone)).TargetRef.Name);
    }

    [Fact]
    public async Task PodRelabelled_LeavesTheSlice()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("b"), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => Endpoints(s).Count == 2);

        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"app":"db"}}}""", V1Patch.PatchType.MergePatch), "a", "default").DefaultTimeout();
        var slices = await SlicesUntilAsync("web", s => Endpoints(s).Count == 1);

        Assert.Equal("b", Assert.Single(Endpoints(slices)).TargetRef.Name);
    }

    [Fact]
    public async Task SelectorChanged_FollowsTheNewPods()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("d", app: "db"), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => Endpoints(s).Count == 1);

        await _client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"spec":{"selector":{"app":"db"}}}""", V1Patch.PatchType.MergePatch), "web", "default").DefaultTimeout();
        var slices = await SlicesUntilAsync("web", s => Endpoints(s).Any(e => e.TargetRef.Name == "d"));

        Assert.Equal("d", Assert.Single(Endpoints(slices)).TargetRef.Name);
    }

    [Fact]
    public async Task NamedTargetPort_ResolvedThroughContainerPorts_GroupedByPortSet()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a", "web", ("http", 8080), ("admin", 9090)), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("b", "web", ("http", 8080), ("admin", 9191)), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("c", "web", ("http", 8080)), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => Endpoints(s).Count == 3);

        await _client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch("""{"spec":{"ports":[{"name":"http","port":80,"targetPort":"admin"}]}}""", V1Patch.PatchType.MergePatch), "web", "default").DefaultTimeout();
        var slices = await SlicesUntilAsync("web", s => s.Count == 3);

        var byPort = slices.ToDictionary(s => s.Ports?.SingleOrDefault()?.Port ?? 0, s => Assert.Single(s.Endpoints).TargetRef.Name);
        Assert.Equal(new Dictionary<int, string> { [9090] = "a", [9191] = "b", [0] = "c" }, byPort);
        Assert.Null(slices.Single(s => Assert.Single(s.Endpoints).TargetRef.Name == "c").Ports);
    }

    [Fact]
    public async Task HeadlessPublishNotReady_NotReadyPodListedReady_HostnameForItsSubdomain()
    {
        var service = Service("peers");
        service.Spec.ClusterIP = "None";
        service.Spec.PublishNotReadyAddresses = true;
        await _client.CoreV1.CreateNamespacedServiceAsync(service, "default").DefaultTimeout();
        var pod = Pod("a");
        pod.Spec.Hostname = "a-host";
        pod.Spec.Subdomain = "peers";
        await _client.CoreV1.CreateNamespacedPodAsync(pod, "default").DefaultTimeout();
        await SlicesUntilAsync("peers", s => Endpoints(s).Count == 1);

        await NotReadyAsync("a");
        var slice = Assert.Single(await SlicesUntilAsync("peers", s => Endpoints(s).Any(e => e.Conditions.Serving == false)));

        var endpoint = Assert.Single(slice.Endpoints);
        Assert.Equal((true, false, false), (endpoint.Conditions.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating));
        Assert.Equal("a-host", endpoint.Hostname);
        Assert.Equal("", slice.Metadata.Labels["service.kubernetes.io/headless"]);
    }

    [Fact]
    public async Task HeadlessWithoutPublishNotReady_NotReadyPodNotReady()
    {
        var service = Service("peers");
        service.Spec.ClusterIP = "None";
        await _client.CoreV1.CreateNamespacedServiceAsync(service, "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await SlicesUntilAsync("peers", s => Endpoints(s).Any(e => e.Conditions.Ready == true));

        await NotReadyAsync("a");
        var slice = Assert.Single(await SlicesUntilAsync("peers", s => Endpoints(s).Any(e => e.Conditions.Ready == false)));

        Assert.Null(Assert.Single(slice.Endpoints).Hostname);
    }

    [Fact]
    public async Task MoreThan100Pods_SplitIntoSlicesOfAtMost100()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        for (var i = 0; i < 101; i++)
        {
            await _client.CoreV1.CreateNamespacedPodAsync(Pod($"p{i:D3}"), "default").DefaultTimeout();
        }

        var slices = await SlicesUntilAsync("web", s => Endpoints(s).Count == 101, TimeSpan.FromSeconds(60));

        Assert.Equal([1, 100], slices.Select(s => s.Endpoints.Count).Order());
        Assert.Equal(101, Endpoints(slices).Select(e => e.TargetRef.Uid).Distinct().Count());
    }

    [Fact]
    public async Task ServiceDeleted_ManagedSlicesGone()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => Endpoints(s).Count == 1);

        await _client.CoreV1.DeleteNamespacedServiceAsync("web", "default").DefaultTimeout();

        await SlicesUntilAsync("web", s => s.Count == 0);
    }

    [Fact]
    public async Task SelectorRemoved_ManagedSlicesLeftAsTheyAre()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        var before = Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Count == 1));

        await _client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"spec":{"selector":null}}""", V1Patch.PatchType.MergePatch), "web", "default").DefaultTimeout();
        // A later pass of the controller (it serves "other" the pod created after) has not touched web's slice.
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("other", selector: new Dictionary<string, string> { ["app"] = "other" }),
            "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("b", app: "other"), "default").DefaultTimeout();
        await SlicesUntilAsync("other", s => Endpoints(s).Count == 1);

        var after = Assert.Single(await SlicesUntilAsync("web", s => s.Count == 1));
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ManagedSliceDeletedByHand_PutBack()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        var first = Assert.Single(await SlicesUntilAsync("web", s => Endpoints(s).Count == 1));

        await _client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(first.Metadata.Name, "default").DefaultTimeout();
        var again = Assert.Single(await SlicesUntilAsync("web", s => s.Count == 1 && s[0].Metadata.Uid != first.Metadata.Uid && Endpoints(s).Count == 1));

        Assert.Equal("a", Assert.Single(again.Endpoints).TargetRef.Name);
    }

    [Fact]
    public async Task SelectorlessService_HandMadeSliceLeftAlone()
    {
        var plain = Service("external");
        plain.Spec.Selector = null;
        await _client.CoreV1.CreateNamespacedServiceAsync(plain, "default").DefaultTimeout();
        var own = Slice("external-1", "IPv4", "192.0.2.10");
        own.Metadata.Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "external" };
        var created = await _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(own, "default").DefaultTimeout();
        // A managed Service's slice appearing shows the controller has run a pass after the hand-made slice was stored.
        await _client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await SlicesUntilAsync("web", s => s.Count == 1);

        var slice = Assert.Single(await Slices("external"));

        Assert.Equal(created.Metadata.ResourceVersion, slice.Metadata.ResourceVersion);
        Assert.Equal(["192.0.2.10"], Assert.Single(slice.Endpoints).Addresses);
    }

    private async Task NotReadyAsync(string pod)
    {
        await Polling.UntilAsync(() => _client.CoreV1.ReadNamespacedPodAsync(pod, "default"), p => p.Status.Phase == "Running", $"pod {pod} to run");
        var patch = new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.StrategicMergePatch);
        await _client.CoreV1.PatchNamespacedPodStatusAsync(patch, pod, "default").DefaultTimeout();
    }

    private async Task<IList<V1EndpointSlice>> Slices(string service) =>
        (await _client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=" + service).DefaultTimeout()).Items;

    private Task<IList<V1EndpointSlice>> SlicesUntilAsync(string service, Func<IList<V1EndpointSlice>, bool> done, TimeSpan? timeout = null) =>
        Polling.UntilAsync(() => Slices(service), done, $"the slices of {service}", timeout);

    private static List<V1Endpoint> Endpoints(IEnumerable<V1EndpointSlice> slices) => [.. slices.SelectMany(s => s.Endpoints ?? [])];
}
