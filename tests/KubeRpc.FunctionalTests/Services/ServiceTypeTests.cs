using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>
/// CreateService for every Service type and the type-specific fields: what the cluster allocates and defaults
/// comes back in the answer, and reads (through KubeRpc and straight from the cluster) agree with it.
/// </summary>
public sealed class ServiceTypeTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateService_ClusterIp_AllocatesIpAndDefaults()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var spec = created.Spec;
        Assert.Equal(ServiceType.ClusterIp, spec.Type);
        Assert.Matches(@"^10\.\d+\.\d+\.\d+$", spec.ClusterIp);
        Assert.Equal([spec.ClusterIp], spec.ClusterIps);
        Assert.Equal([IPFamily.Ipv4], spec.IpFamilies);
        Assert.Equal(IPFamilyPolicy.SingleStack, spec.IpFamilyPolicy);
        Assert.Equal(SessionAffinity.None, spec.SessionAffinity);
        Assert.Equal(InternalTrafficPolicy.Cluster, spec.InternalTrafficPolicy);
        Assert.Equal(ExternalTrafficPolicy.Unspecified, spec.ExternalTrafficPolicy);
        Assert.Equal(0, spec.Ports[0].NodePort);
        Assert.Equal(8080, spec.Ports[0].TargetPort.IntValue);
        Assert.NotEmpty(created.Metadata.Uid);
        Assert.NotEmpty(created.Metadata.ResourceVersion);
        Assert.NotNull(created.Metadata.CreationTimestamp);

        Assert.Equal(created, await _host.GetAsync("web"));
        var direct = await _host.ReadDirectAsync("web");
        Assert.Equal(spec.ClusterIp, direct.Spec.ClusterIP);
        Assert.Equal(created.Metadata.ResourceVersion, direct.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task CreateService_Headless_KeepsClusterIpNone()
    {
        var service = ServiceTestKit.ClusterIp("db");
        service.Spec.ClusterIp = "None";

        var created = await _host.CreateAsync(service);

        Assert.Equal("None", created.Spec.ClusterIp);
        Assert.Equal(["None"], created.Spec.ClusterIps);
        Assert.Equal(ServiceType.ClusterIp, created.Spec.Type);
        Assert.Equal("None", (await _host.ReadDirectAsync("db")).Spec.ClusterIP);
    }

    [Fact]
    public async Task CreateService_NodePortChosenByCaller_KeepsIt()
    {
        var service = ServiceTestKit.ClusterIp("np");
        service.Spec.Type = ServiceType.NodePort;
        service.Spec.Ports[0].NodePort = 30080;
        service.Spec.Ports.Add(ServiceTestKit.Port("admin", 9000, 9000));

        var created = await _host.CreateAsync(service);

        Assert.Equal(ServiceType.NodePort, created.Spec.Type);
        Assert.Equal(30080, created.Spec.Ports[0].NodePort);
        Assert.InRange(created.Spec.Ports[1].NodePort, 30000, 32767);
        Assert.NotEqual(30080, created.Spec.Ports[1].NodePort);
        Assert.Equal(ExternalTrafficPolicy.Cluster, created.Spec.ExternalTrafficPolicy);
        var direct = await _host.ReadDirectAsync("np");
        Assert.Equal([30080, created.Spec.Ports[1].NodePort], direct.Spec.Ports.Select(p => p.NodePort ?? 0));
    }

    [Fact]
    public async Task CreateService_NodePortTakenByAnother_InvalidArgumentOnNodePort()
    {
        var first = ServiceTestKit.ClusterIp("first");
        first.Spec.Type = ServiceType.NodePort;
        var allocated = (await _host.CreateAsync(first)).Spec.Ports[0].NodePort;
        var second = ServiceTestKit.ClusterIp("second");
        second.Spec.Type = ServiceType.NodePort;
        second.Spec.Ports[0].NodePort = allocated;

        var e = await RpcErrors.FailsWith(Grpc.Core.StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = second }).ResponseAsync);

        e.AssertInfo("INVALID");
        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Equal("spec.ports[0].nodePort", violation.Field);
        Assert.Contains("provided port is already allocated", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateService_LoadBalancer_KeepsLoadBalancerFieldsAndAllocatesHealthCheckPort()
    {
        var service = ServiceTestKit.ClusterIp("lb");
        service.Spec.Type = ServiceType.LoadBalancer;
        service.Spec.LoadBalancerSourceRanges.Add(["10.0.0.0/8", "192.168.0.0/16"]);
        service.Spec.LoadBalancerClass = "example.com/internal-vip";
        service.Spec.ExternalTrafficPolicy = ExternalTrafficPolicy.Local;

        var created = await _host.CreateAsync(service);

        var spec = created.Spec;
        Assert.Equal(ServiceType.LoadBalancer, spec.Type);
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], spec.LoadBalancerSourceRanges);
        Assert.Equal("example.com/internal-vip", spec.LoadBalancerClass);
        Assert.True(spec.HasAllocateLoadBalancerNodePorts);
        Assert.True(spec.AllocateLoadBalancerNodePorts);
        Assert.InRange(spec.Ports[0].NodePort, 30000, 32767);
        Assert.Equal(ExternalTrafficPolicy.Local, spec.ExternalTrafficPolicy);
        Assert.InRange(spec.HealthCheckNodePort, 30000, 32767);
        Assert.NotEqual(spec.Ports[0].NodePort, spec.HealthCheckNodePort);
        var direct = await _host.ReadDirectAsync("lb");
        Assert.Equal(spec.HealthCheckNodePort, direct.Spec.HealthCheckNodePort);
        Assert.Equal("Local", direct.Spec.ExternalTrafficPolicy);
        Assert.Equal("example.com/internal-vip", direct.Spec.LoadBalancerClass);
    }

    [Fact]
    public async Task CreateService_LoadBalancerWithoutNodePorts_AllocatesNone()
    {
        var service = ServiceTestKit.ClusterIp("lb-direct");
        service.Spec.Type = ServiceType.LoadBalancer;
        service.Spec.AllocateLoadBalancerNodePorts = false;

        var created = await _host.CreateAsync(service);

        Assert.True(created.Spec.HasAllocateLoadBalancerNodePorts);
        Assert.False(created.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(0, created.Spec.Ports[0].NodePort);
        Assert.Equal(ExternalTrafficPolicy.Cluster, created.Spec.ExternalTrafficPolicy);
        Assert.Equal(0, created.Spec.HealthCheckNodePort);
        var direct = await _host.ReadDirectAsync("lb-direct");
        Assert.False(direct.Spec.AllocateLoadBalancerNodePorts);
        Assert.Null(direct.Spec.Ports[0].NodePort);
    }

    [Fact]
    public async Task CreateService_ExternalName_HasNoClusterIp()
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Name = "upstream", Namespace = "default" },
            Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = "api.example.com" },
        };

        var created = await _host.CreateAsync(service);

        Assert.Equal(ServiceType.ExternalName, created.Spec.Type);
        Assert.Equal("api.example.com", created.Spec.ExternalName);
        Assert.Equal("", created.Spec.ClusterIp);
        Assert.Empty(created.Spec.ClusterIps);
        Assert.Empty(created.Spec.IpFamilies);
        Assert.Equal(IPFamilyPolicy.Unspecified, created.Spec.IpFamilyPolicy);
        var direct = await _host.ReadDirectAsync("upstream");
        Assert.Equal("ExternalName", direct.Spec.Type);
        Assert.Null(direct.Spec.ClusterIP);
    }
}
