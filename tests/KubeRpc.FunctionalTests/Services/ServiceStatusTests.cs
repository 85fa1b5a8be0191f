using Google.Protobuf.WellKnownTypes;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>
/// The status subresource: UpdateServiceStatus and a PatchService on "status" change the status only, and the
/// result is visible through GetService and straight from the cluster.
/// </summary>
public sealed class ServiceStatusTests : IAsyncLifetime
{
    private static readonly Timestamp Transition = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));

    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Service> CreateLoadBalancerAsync(string name)
    {
        var service = ServiceTestKit.ClusterIp(name);
        service.Spec.Type = ServiceType.LoadBalancer;
        service.Spec.Ports.Add(ServiceTestKit.Port("https", 443, 8443));
        return await _host.CreateAsync(service);
    }

    private static ServiceStatus ProvisionedStatus() => new()
    {
        LoadBalancer = new LoadBalancerStatus
        {
            Ingress =
            {
                new LoadBalancerIngress
                {
                    Ip = "203.0.113.7",
                    IpMode = LoadBalancerIPMode.Proxy,
                    Ports = { new PortStatus { Port = 80, Protocol = Protocol.Tcp }, new PortStatus { Port = 443, Protocol = Protocol.Tcp, Error = "CertificatePending" } },
                },
                new LoadBalancerIngress { Hostname = "lb-1.example.com" },
            },
        },
        Conditions =
        {
            new Condition
            {
                Type = "LoadBalancerReady",
                Status = ConditionStatus.True,
                ObservedGeneration = 1,
                LastTransitionTime = Transition,
                Reason = "Provisioned",
                Message = "the load balancer answers on 203.0.113.7",
            },
        },
    };

    [Fact]
    public async Task UpdateServiceStatus_LoadBalancerIngressAndConditions_VisibleEverywhere()
    {
        var created = await CreateLoadBalancerAsync("edge");
        var withStatus = created.Clone();
        withStatus.Status = ProvisionedStatus();

        var updated = await _host.Services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = withStatus }).Bounded();

        Assert.Equal(ProvisionedStatus(), updated.Status);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(created.Spec, updated.Spec);
        Assert.Equal(updated, await _host.GetAsync("edge"));

        var direct = await _host.ReadDirectAsync("edge");
        var ingress = direct.Status.LoadBalancer.Ingress;
        Assert.Equal("203.0.113.7", ingress[0].Ip);
        Assert.Equal("Proxy", ingress[0].IpMode);
        Assert.Equal("CertificatePending", ingress[0].Ports[1].Error);
        Assert.Equal("lb-1.example.com", ingress[1].Hostname);
        var condition = Assert.Single(direct.Status.Conditions);
        Assert.Equal(("LoadBalancerReady", "True", "Provisioned"), (condition.Type, condition.Status, condition.Reason));
        Assert.Equal(Transition.ToDateTime(), condition.LastTransitionTime.ToUniversalTime());
    }

    [Fact]
    public async Task UpdateServiceStatus_IpWithoutMode_DefaultsToVip()
    {
        var created = await CreateLoadBalancerAsync("vip");
        created.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "198.51.100.4" } } } };

        var updated = await _host.Services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = created }).Bounded();

        Assert.Equal(LoadBalancerIPMode.Vip, updated.Status.LoadBalancer.Ingress[0].IpMode);
    }

    [Fact]
    public async Task UpdateServiceStatus_SpecChangeInRequest_SpecLeftAsItIs()
    {
        var created = await CreateLoadBalancerAsync("spec-kept");
        var request = created.Clone();
        request.Status = ProvisionedStatus();
        request.Spec.Selector["app"] = "changed";
        request.Metadata.Labels["tier"] = "changed";

        var updated = await _host.Services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = request }).Bounded();

        Assert.Equal("spec-kept", updated.Spec.Selector["app"]);
        Assert.False(updated.Metadata.Labels.ContainsKey("tier"));
        Assert.Equal(ProvisionedStatus(), updated.Status);
    }

    [Fact]
    public async Task UpdateServiceStatus_InvalidIngressIp_InvalidArgumentWithStatusFieldPath()
    {
        var created = await CreateLoadBalancerAsync("bad-ip");
        created.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "not-an-ip" } } } };

        var e = await RpcErrors.FailsWith(Grpc.Core.StatusCode.InvalidArgument,
            () => _host.Services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = created }).ResponseAsync);

        e.AssertInfo("INVALID");
        Assert.Contains(e.Violations().FieldViolations, v => v.Field == "status.loadBalancer.ingress[0].ip");
    }

    [Fact]
    public async Task PatchService_StatusSubresourceMergePatch_ChangesStatusOnly()
    {
        await CreateLoadBalancerAsync("patched");

        var patched = await _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "default",
            Name = "patched",
            PatchType = PatchType.MergePatch,
            Subresource = "status",
            Patch = """{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"}]}},"spec":{"selector":{"app":"ignored"}}}""",
        }).Bounded();

        Assert.Equal("203.0.113.9", Assert.Single(patched.Status.LoadBalancer.Ingress).Ip);
        Assert.Equal("patched", patched.Spec.Selector["app"]);
        var direct = await _host.ReadDirectAsync("patched");
        Assert.Equal("203.0.113.9", direct.Status.LoadBalancer.Ingress[0].Ip);
        Assert.Equal("patched", direct.Spec.Selector["app"]);
    }

    [Fact]
    public async Task PatchService_MainResourceWithStatus_StatusIgnored()
    {
        await CreateLoadBalancerAsync("main");

        var patched = await _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "default",
            Name = "main",
            PatchType = PatchType.MergePatch,
            Patch = """{"metadata":{"labels":{"tier":"edge"}},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"}]}}}""",
        }).Bounded();

        Assert.Equal("edge", patched.Metadata.Labels["tier"]);
        Assert.Empty(patched.Status?.LoadBalancer?.Ingress ?? []);
    }
}
