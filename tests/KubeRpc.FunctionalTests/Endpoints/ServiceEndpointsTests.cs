using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// ResolveServiceEndpoints and WatchServiceEndpoints against the embedded cluster, whose simulated kubelet runs the Pods
/// and whose EndpointSlice controller publishes them: the Service's addressing, each endpoint with its conditions, node,
/// zone, Pod and resolved ports; whole sets streamed on each change and only then; resumes; bad input.
/// </summary>
public sealed class ServiceEndpointsTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    private IKubernetes Cluster => _host.Kubernetes;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Resolve_ServiceWithReadyPods_AddressingEndpointsAndResolvedPorts()
    {
        await CreateServiceAsync("web", headless: false);
        await CreatePodAsync("web-a", 8080);
        await CreatePodAsync("web-b", 8080);

        var set = await ResolveUntilAsync("web", s => s.Endpoints.Count(e => e.Ready) == 2);

        Assert.True(set.Exists);
        Assert.Equal(ServiceType.ClusterIp, set.Type);
        Assert.False(set.Headless);
        Assert.Single(set.ClusterIps);
        Assert.StartsWith("10.", set.ClusterIps[0], StringComparison.Ordinal);
        Assert.Equal("web.default.svc.cluster.local", set.DnsName);
        var port = Assert.Single(set.Ports);
        Assert.Equal(("grpc", 80, Protocol.Tcp, "kubernetes.io/h2c"), (port.Name, port.Port, port.Protocol, port.AppProtocol));
        Assert.Equal(["web-a", "web-b"], set.Endpoints.Select(e => e.TargetPod.Name).Order());
        foreach (var endpoint in set.Endpoints)
        {
            Assert.Equal(AddressType.Ipv4, endpoint.AddressType);
            Assert.Single(endpoint.Addresses);
            Assert.True(endpoint is { Ready: true, Serving: true, Terminating: false }, endpoint.ToString());
            Assert.NotEmpty(endpoint.NodeName);
            Assert.NotEmpty(endpoint.Zone);
            Assert.Equal("default", endpoint.TargetPod.Namespace);
            Assert.NotEmpty(endpoint.TargetPod.Uid);
            // The Service's targetPort "grpc" resolved to the container port, under the Service port's name.
            var resolved = Assert.Single(endpoint.Ports);
            Assert.Equal(("grpc", 8080, Protocol.Tcp), (resolved.Name, resolved.Port, resolved.Protocol));
            Assert.Empty(endpoint.DnsName); // not headless
        }
        Assert.Equal(set.Endpoints.Select(e => System.Net.IPAddress.Parse(e.Addresses[0]).GetAddressBytes()),
            set.Endpoints.Select(e => System.Net.IPAddress.Parse(e.Addresses[0]).GetAddressBytes()).Order(ByteOrder.Instance));
        Assert.True(long.Parse(set.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Resolve_HeadlessServiceWithHostnames_EachEndpointHasItsDnsName()
    {
        await CreateServiceAsync("db", headless: true);
        await CreatePodAsync("db-0", 5432, app: "db", hostname: "db-0", subdomain: "db");

        var set = await ResolveUntilAsync("db", s => s.Endpoints.Count == 1);

        Assert.True(set.Headless);
        Assert.Empty(set.ClusterIps);
        var endpoint = set.Endpoints[0];
        Assert.Equal("db-0", endpoint.Hostname);
        Assert.Equal("db-0.db.default.svc.cluster.local", endpoint.DnsName);
    }

    [Fact]
    public async Task Resolve_NoSuchService_NotExistingWithoutEndpoints()
    {
        var set = await _host.Services.ResolveServiceEndpointsAsync(new ResolveServiceEndpointsRequest { Namespace = "default", Name = "nothing" })
            .ResponseAsync.DefaultTimeout();

        Assert.False(set.Exists);
        Assert.Empty(set.Endpoints);
        Assert.Equal(ServiceType.Unspecified, set.Type);
        Assert.Equal("nothing.default.svc.cluster.local", set.DnsName);
        Assert.NotEmpty(set.ResourceVersion);
    }

    [Fact]
    public async Task Watch_InitialThenWholeSetOnEachChange_NothingForUnrelatedChanges()
    {
        await CreateServiceAsync("api", headless: false);
        await CreatePodAsync("api-a", 9000, app: "api");
        await ResolveUntilAsync("api", s => s.Endpoints.Count(e => e.Ready) == 1);
        using var watch = EndpointsWatch.Start(_host.Services, new WatchServiceEndpointsRequest { Namespace = "default", Name = "api" });

        var initial = await watch.NextAsync();
        Assert.Equal(ServiceEndpointsEventType.Initial, initial.Type);
        Assert.Single(initial.Endpoints.Endpoints);
        Assert.Equal(initial.ResourceVersion, initial.Endpoints.ResourceVersion);

        await CreatePodAsync("api-b", 9000, app: "api");
        var scaled = await watch.UntilAsync(e => e.Endpoints.Endpoints.Count(x => x.Ready) == 2);
        Assert.Equal(ServiceEndpointsEventType.Changed, scaled.Type);
        Assert.True(long.Parse(scaled.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) >
            long.Parse(initial.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));

        // A label on the Service changes nothing a client of its endpoints sees: no message.
        await Cluster.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"metadata":{"labels":{"team":"x"}}}""", V1Patch.PatchType.MergePatch),
            "api", "default").DefaultTimeout();
        Assert.True(await watch.QuietForAsync(TimeSpan.FromSeconds(1)), "a message for a change that does not touch the endpoints");

        await NotReadyAsync("api-a");
        var notReady = await watch.UntilAsync(e => e.Endpoints.Endpoints.Any(x => !x.Ready));
        Assert.Equal(["api-b"], notReady.Endpoints.Endpoints.Where(x => x.Ready).Select(x => x.TargetPod.Name));
        Assert.False(notReady.Endpoints.Endpoints.Single(x => x.TargetPod.Name == "api-a").Serving);

        await Cluster.CoreV1.DeleteNamespacedServiceAsync("api", "default").DefaultTimeout();
        var gone = await watch.UntilAsync(e => !e.Endpoints.Exists);
        Assert.Equal(ServiceType.Unspecified, gone.Endpoints.Type);
    }

    [Fact]
    public async Task Watch_ResumeFromLastVersion_NothingUntilTheNextChange_FromOlderVersion_CurrentSetAtOnce()
    {
        await CreateServiceAsync("cart", headless: false);
        await CreatePodAsync("cart-a", 7000, app: "cart");
        var first = await ResolveUntilAsync("cart", s => s.Endpoints.Count(e => e.Ready) == 1);
        await CreatePodAsync("cart-b", 7000, app: "cart");
        var second = await ResolveUntilAsync("cart", s => s.Endpoints.Count(e => e.Ready) == 2);

        using (var upToDate = EndpointsWatch.Start(_host.Services,
            new WatchServiceEndpointsRequest { Namespace = "default", Name = "cart", ResourceVersion = second.ResourceVersion }))
        {
            Assert.True(await upToDate.QuietForAsync(TimeSpan.FromSeconds(1)), "a resume from the current version sent a set");
            await CreatePodAsync("cart-c", 7000, app: "cart");
            var next = await upToDate.UntilAsync(e => e.Endpoints.Endpoints.Count(x => x.Ready) == 3);
            Assert.Equal(ServiceEndpointsEventType.Changed, next.Type);
        }

        using var behind = EndpointsWatch.Start(_host.Services,
            new WatchServiceEndpointsRequest { Namespace = "default", Name = "cart", ResourceVersion = first.ResourceVersion });
        var caughtUp = await behind.NextAsync();
        Assert.Equal(ServiceEndpointsEventType.Changed, caughtUp.Type);
        Assert.Equal(3, caughtUp.Endpoints.Endpoints.Count);
    }

    [Fact]
    public async Task Watch_NoSuchServiceThenCreated_InitialNotExistingThenTheService()
    {
        using var watch = EndpointsWatch.Start(_host.Services, new WatchServiceEndpointsRequest { Namespace = "default", Name = "later" });
        var initial = await watch.NextAsync();
        Assert.False(initial.Endpoints.Exists);

        await CreateServiceAsync("later", headless: false);
        var created = await watch.UntilAsync(e => e.Endpoints.Exists);
        Assert.Equal(ServiceType.ClusterIp, created.Endpoints.Type);
    }

    [Fact]
    public async Task Watch_Bookmarks_QuietStreamGetsThemWithItsVersion()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:BookmarkInterval"] = "00:00:00.300" })
            .DefaultTimeout();
        using var watch = EndpointsWatch.Start(host.Services,
            new WatchServiceEndpointsRequest { Namespace = "default", Name = "quiet", AllowBookmarks = true });
        var initial = await watch.NextAsync();

        var bookmark = await watch.NextAsync();

        Assert.Equal(ServiceEndpointsEventType.Bookmark, bookmark.Type);
        Assert.Null(bookmark.Endpoints);
        Assert.Equal(initial.ResourceVersion, bookmark.ResourceVersion);
    }

    [Fact]
    public async Task Stop_StreamEndsUnavailableShuttingDownWithItsLastVersion()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:ShutdownGracePeriod"] = "00:00:00" })
            .DefaultTimeout();
        using var watch = EndpointsWatch.Start(host.Services, new WatchServiceEndpointsRequest { Namespace = "default", Name = "web" });
        var initial = await watch.NextAsync();

        var stopping = host.StopAsync();
        var end = await watch.EndAsync();
        await stopping.DefaultTimeout();

        Assert.Equal(StatusCode.Unavailable, end.StatusCode);
        Assert.Equal("SHUTTING_DOWN", end.Info().Reason);
        Assert.Equal(initial.ResourceVersion, end.Info().Metadata["resource_version"]);
    }

    [Theory]
    [InlineData("default", "../x", "name")]
    [InlineData("a/b", "web", "namespace")]
    [InlineData("", "web", "namespace")]
    public async Task BadAddress_InvalidArgumentNamingTheField(string ns, string name, string field)
    {
        var resolve = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Services.ResolveServiceEndpointsAsync(new ResolveServiceEndpointsRequest { Namespace = ns, Name = name }).ResponseAsync);
        using var watch = EndpointsWatch.Start(_host.Services, new WatchServiceEndpointsRequest { Namespace = ns, Name = name });
        var watched = await watch.EndAsync();

        foreach (var e in new[] { resolve, watched })
        {
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.Contains(e.Violations().FieldViolations, v => v.Field == field);
        }
    }

    [Fact]
    public async Task Watch_FarFutureVersion_UnavailableTooLargeResourceVersion()
    {
        using var watch = EndpointsWatch.Start(_host.Services,
            new WatchServiceEndpointsRequest { Namespace = "default", Name = "web", ResourceVersion = "999999999" });

        var e = await watch.EndAsync();

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        e.AssertInfo("RESOURCE_VERSION_TOO_LARGE");
    }

    private async Task CreateServiceAsync(string name, bool headless)
    {
        await Cluster.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = name },
                ClusterIP = headless ? "None" : null,
                Ports = [new V1ServicePort { Name = "grpc", Port = 80, TargetPort = "grpc", AppProtocol = "kubernetes.io/h2c" }],
            },
        }, "default").DefaultTimeout();
    }

    private async Task CreatePodAsync(string name, int port, string app = "web", string? hostname = null, string? subdomain = null)
    {
        await Cluster.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
            Spec = new V1PodSpec
            {
                Hostname = hostname,
                Subdomain = subdomain,
                Containers = [new V1Container { Name = "app", Image = "example/app:1", Ports = [new V1ContainerPort { Name = "grpc", ContainerPort = port }] }],
            },
        }, "default").DefaultTimeout();
    }

    private async Task NotReadyAsync(string pod) =>
        await Cluster.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.StrategicMergePatch), pod, "default")
            .DefaultTimeout();

    private async Task<ServiceEndpoints> ResolveUntilAsync(string name, Func<ServiceEndpoints, bool> done)
    {
        ServiceEndpoints? set = null;
        await Polling.UntilAsync(async () =>
        {
            set = await _host.Services.ResolveServiceEndpointsAsync(new ResolveServiceEndpointsRequest { Namespace = "default", Name = name })
                .ResponseAsync.DefaultTimeout();
            return done(set);
        }, () => $"the endpoints of {name}; last: {set}");
        return set!;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
