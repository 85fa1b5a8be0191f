using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>UpdateIngressStatus (PUT on /status): the load balancer's ingress points, with the spec left alone.</summary>
public sealed class IngressStatusTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(string name) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = Simple(name) }).Bounded();

    private static IngressStatus LoadBalancer() => new()
    {
        LoadBalancer = new IngressLoadBalancerStatus
        {
            Ingress =
            {
                new IngressLoadBalancerIngress
                {
                    Ip = "192.0.2.10",
                    Ports = { new IngressPortStatus { Port = 80, Protocol = Protocol.Tcp }, new IngressPortStatus { Port = 443, Protocol = Protocol.Tcp } },
                },
                new IngressLoadBalancerIngress
                {
                    Hostname = "lb-123.elb.example.net",
                    Ports = { new IngressPortStatus { Port = 443, Protocol = Protocol.Udp, Error = "PortNotReady" } },
                },
            },
        },
    };

    [Fact]
    public async Task UpdateIngressStatus_LoadBalancerIpHostnamePorts_StoredAndSpecUntouched()
    {
        var created = await Create("web");
        var request = created.Clone();
        request.Status = LoadBalancer();

        var updated = await _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = request }).Bounded();

        Assert.Equal(LoadBalancer(), updated.Status);
        Assert.Equal(created.Spec, updated.Spec);
        Assert.Equal(1, updated.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        IngressAssert.SameAs(stored, updated);
        var lb = stored.Status.LoadBalancer.Ingress;
        Assert.Equal(("192.0.2.10", null), (lb[0].Ip, lb[0].Hostname));
        Assert.Equal([(80, "TCP"), (443, "TCP")], lb[0].Ports.Select(p => (p.Port, p.Protocol)));
        Assert.Equal((null, "lb-123.elb.example.net"), (lb[1].Ip, lb[1].Hostname));
        Assert.Equal((443, "UDP", "PortNotReady"), (lb[1].Ports[0].Port, lb[1].Ports[0].Protocol, lb[1].Ports[0].Error));
    }

    [Fact]
    public async Task UpdateIngressStatus_SpecInRequest_Ignored()
    {
        var created = await Create("web");
        var request = created.Clone();
        request.Status = LoadBalancer();
        request.Spec.Rules[0].Host = "sneaky.example.com";

        var updated = await _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = request }).Bounded();

        Assert.Equal(created.Spec, updated.Spec);
        Assert.Equal(1, updated.Metadata.Generation);
    }

    [Fact]
    public async Task UpdateIngressStatus_StaleResourceVersion_AbortedConflict()
    {
        var created = await Create("web");
        var first = created.Clone();
        first.Status = LoadBalancer();
        await _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = first }).Bounded();

        var e = await IngressCalls.FailsWith(StatusCode.Aborted,
            () => _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = IngressUpdateTests.WithLoadBalancer(created, "192.0.2.99") }));

        Assert.Equal("CONFLICT", e.Info().Reason);
    }

    [Fact]
    public async Task UpdateIngressStatus_InvalidIpAndIpHostname_InvalidArgumentWithStatusPaths()
    {
        var created = await Create("web");
        var request = created.Clone();
        request.Status = new IngressStatus
        {
            LoadBalancer = new IngressLoadBalancerStatus
            {
                Ingress = { new IngressLoadBalancerIngress { Ip = "not-an-ip" }, new IngressLoadBalancerIngress { Hostname = "192.0.2.1" } },
            },
        };

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = request }));

        Assert.Equal("INVALID", e.Info().Reason);
        Assert.StartsWith("Invalid value: \"not-an-ip\": must be a valid IP address",
            e.Violation("status.loadBalancer.ingress[0].ip").Description, StringComparison.Ordinal);
        Assert.Equal("Invalid value: \"192.0.2.1\": must be a DNS name, not an IP address",
            e.Violation("status.loadBalancer.ingress[1].hostname").Description);
    }

    [Fact]
    public async Task PatchIngress_StatusSubresourceMergePatch_OnlyStatusChanges()
    {
        await Create("web");

        var patched = await _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            PatchType = PatchType.MergePatch,
            Subresource = "status",
            Patch = """{"status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.net"}]}},"spec":{"rules":[]}}""",
        }).Bounded();

        Assert.Equal("lb.example.net", Assert.Single(patched.Status.LoadBalancer.Ingress).Hostname);
        Assert.Single(patched.Spec.Rules);
        Assert.Equal(1, patched.Metadata.Generation);
    }
}
