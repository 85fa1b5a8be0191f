using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>
/// CreateService with the spec fields that are not about the type: ports with named target ports, session
/// affinity, external IPs, publishing not-ready addresses, IP families and the internal traffic policy. Each
/// must reach the cluster and come back unchanged (or defaulted as Kubernetes defaults it).
/// </summary>
public sealed class ServiceSpecFieldTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateService_MultiPortWithNamedTargetPorts_RoundTrips()
    {
        var service = ServiceTestKit.ClusterIp("multi");
        service.Spec.Ports.Clear();
        service.Spec.Ports.Add(ServiceTestKit.NamedPort("http", 80, "web"));
        service.Spec.Ports.Add(ServiceTestKit.NamedPort("metrics", 9090, "metrics"));
        service.Spec.Ports.Add(ServiceTestKit.Port("dns", 53, 5353, Protocol.Udp));
        service.Spec.Ports[0].AppProtocol = "kubernetes.io/h2c";

        var created = await _host.CreateAsync(service);

        Assert.Equal(["http", "metrics", "dns"], created.Spec.Ports.Select(p => p.Name));
        Assert.Equal(IntOrString.ValueOneofCase.StringValue, created.Spec.Ports[0].TargetPort.ValueCase);
        Assert.Equal("web", created.Spec.Ports[0].TargetPort.StringValue);
        Assert.Equal("metrics", created.Spec.Ports[1].TargetPort.StringValue);
        Assert.Equal(5353, created.Spec.Ports[2].TargetPort.IntValue);
        Assert.Equal(Protocol.Udp, created.Spec.Ports[2].Protocol);
        Assert.Equal("kubernetes.io/h2c", created.Spec.Ports[0].AppProtocol);
        Assert.False(created.Spec.Ports[1].HasAppProtocol);
        Assert.Equal(created, await _host.GetAsync("multi"));

        var direct = await _host.ReadDirectAsync("multi");
        Assert.Equal("web", direct.Spec.Ports[0].TargetPort.Value);
        Assert.Equal("UDP", direct.Spec.Ports[2].Protocol);
    }

    [Fact]
    public async Task CreateService_TwoPortsWithoutNames_InvalidArgumentOnPortName()
    {
        var service = ServiceTestKit.ClusterIp("unnamed");
        service.Spec.Ports[0].Name = "";
        service.Spec.Ports.Add(ServiceTestKit.Port("", 81, 8081));

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);

        e.AssertInfo("INVALID");
        Assert.Contains(e.Violations().FieldViolations, v => v.Field == "spec.ports[0].name" && v.Description == "Required value");
    }

    [Fact]
    public async Task CreateService_ClientIpAffinityWithTimeout_KeepsTimeout()
    {
        var service = ServiceTestKit.ClusterIp("sticky");
        service.Spec.SessionAffinity = SessionAffinity.ClientIp;
        service.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIp = new ClientIPConfig { TimeoutSeconds = 600 } };

        var created = await _host.CreateAsync(service);

        Assert.Equal(SessionAffinity.ClientIp, created.Spec.SessionAffinity);
        Assert.Equal(600, created.Spec.SessionAffinityConfig.ClientIp.TimeoutSeconds);
        var direct = await _host.ReadDirectAsync("sticky");
        Assert.Equal("ClientIP", direct.Spec.SessionAffinity);
        Assert.Equal(600, direct.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public async Task CreateService_ClientIpAffinityWithoutConfig_DefaultsTimeoutToThreeHours()
    {
        var service = ServiceTestKit.ClusterIp("sticky-default");
        service.Spec.SessionAffinity = SessionAffinity.ClientIp;

        var created = await _host.CreateAsync(service);

        Assert.Equal(10800, created.Spec.SessionAffinityConfig.ClientIp.TimeoutSeconds);
    }

    [Fact]
    public async Task CreateService_ExternalIpsAndPublishNotReady_RoundTrip()
    {
        var service = ServiceTestKit.ClusterIp("peers");
        service.Spec.ExternalIps.Add(["192.0.2.10", "198.51.100.7"]);
        service.Spec.PublishNotReadyAddresses = true;

        var created = await _host.CreateAsync(service);

        Assert.Equal(["192.0.2.10", "198.51.100.7"], created.Spec.ExternalIps);
        Assert.True(created.Spec.PublishNotReadyAddresses);
        var direct = await _host.ReadDirectAsync("peers");
        Assert.Equal(["192.0.2.10", "198.51.100.7"], direct.Spec.ExternalIPs);
        Assert.True(direct.Spec.PublishNotReadyAddresses);
    }

    [Fact]
    public async Task CreateService_InternalTrafficPolicyLocal_RoundTrips()
    {
        var service = ServiceTestKit.ClusterIp("local");
        service.Spec.InternalTrafficPolicy = InternalTrafficPolicy.Local;

        var created = await _host.CreateAsync(service);

        Assert.Equal(InternalTrafficPolicy.Local, created.Spec.InternalTrafficPolicy);
        Assert.Equal("Local", (await _host.ReadDirectAsync("local")).Spec.InternalTrafficPolicy);
    }

    [Fact]
    public async Task CreateService_PreferDualStackOnSingleStackCluster_GetsOneIpv4Family()
    {
        var service = ServiceTestKit.ClusterIp("prefer");
        service.Spec.IpFamilyPolicy = IPFamilyPolicy.PreferDualStack;

        var created = await _host.CreateAsync(service);

        Assert.Equal(IPFamilyPolicy.PreferDualStack, created.Spec.IpFamilyPolicy);
        Assert.Equal([IPFamily.Ipv4], created.Spec.IpFamilies);
        Assert.Single(created.Spec.ClusterIps);
    }

    [Fact]
    public async Task CreateService_SingleStackIpv4Requested_KeepsFamily()
    {
        var service = ServiceTestKit.ClusterIp("v4");
        service.Spec.IpFamilyPolicy = IPFamilyPolicy.SingleStack;
        service.Spec.IpFamilies.Add(IPFamily.Ipv4);

        var created = await _host.CreateAsync(service);

        Assert.Equal(IPFamilyPolicy.SingleStack, created.Spec.IpFamilyPolicy);
        Assert.Equal([IPFamily.Ipv4], created.Spec.IpFamilies);
        Assert.Equal(["IPv4"], (await _host.ReadDirectAsync("v4")).Spec.IpFamilies);
    }

    [Fact]
    public async Task CreateService_RequireDualStackOnSingleStackCluster_InvalidArgumentOnPolicy()
    {
        var service = ServiceTestKit.ClusterIp("dual");
        service.Spec.IpFamilyPolicy = IPFamilyPolicy.RequireDualStack;

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);

        e.AssertInfo("INVALID");
        Assert.Contains(e.Violations().FieldViolations, v => v.Field == "spec.ipFamilyPolicy");
        Assert.False(await _host.ExistsDirectAsync("dual"));
    }

    [Fact]
    public async Task CreateService_DryRun_ReturnsDefaultedObjectButStoresNothing()
    {
        var created = await _host.Services.CreateServiceAsync(new CreateServiceRequest
        {
            Service = ServiceTestKit.ClusterIp("dry"),
            DryRun = true,
        }).Bounded();

        Assert.Equal(SessionAffinity.None, created.Spec.SessionAffinity);
        Assert.False(await _host.ExistsDirectAsync("dry"));
    }

    [Fact]
    public async Task CreateService_GenerateName_ClusterCompletesName()
    {
        var service = ServiceTestKit.ClusterIp("ignored");
        service.Metadata.Name = "";
        service.Metadata.GenerateName = "job-";

        var created = await _host.CreateAsync(service);

        Assert.Matches("^job-[a-z0-9]{5}$", created.Metadata.Name);
        Assert.True(await _host.ExistsDirectAsync(created.Metadata.Name));
    }

    [Fact]
    public async Task CreateService_FieldManager_RecordedInManagedFields()
    {
        var created = await _host.Services.CreateServiceAsync(new CreateServiceRequest
        {
            Service = ServiceTestKit.ClusterIp("managed"),
            FieldManager = "deployer",
        }).Bounded();

        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal("deployer", entry.Manager);
        Assert.Equal("Update", entry.Operation);
    }
}
