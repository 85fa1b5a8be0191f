using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>UpdateIngress (PUT): generation bookkeeping, resource_version preconditions, and status left alone.</summary>
public sealed class IngressUpdateTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private Task<Ingress> Update(Ingress ingress, bool dryRun = false) =>
        _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = ingress, DryRun = dryRun }).Bounded();

    [Fact]
    public async Task UpdateIngress_SpecChange_GenerationIncrementsByOne()
    {
        var created = await Create(Simple("web"));
        Assert.Equal(1, created.Metadata.Generation);
        var changed = created.Clone();
        changed.Spec.Rules[0].Host = "web.example.com";

        var updated = await Update(changed);

        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("web.example.com", updated.Spec.Rules[0].Host);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        var again = updated.Clone();
        again.Spec.Tls.Add(Tls("web-tls", "web.example.com"));
        Assert.Equal(3, (await Update(again)).Metadata.Generation);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        Assert.Equal(3, stored.Metadata.Generation);
    }

    [Fact]
    public async Task UpdateIngress_MetadataOnlyChange_GenerationUnchanged()
    {
        var created = await Create(Simple("web"));
        var changed = created.Clone();
        changed.Metadata.Labels["team"] = "edge";
        changed.Metadata.Annotations["note"] = "labels are not spec";

        var updated = await Update(changed);

        Assert.Equal(1, updated.Metadata.Generation);
        Assert.Equal("edge", updated.Metadata.Labels["team"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateIngress_StaleResourceVersion_AbortedConflict()
    {
        var created = await Create(Simple("web"));
        var first = created.Clone();
        first.Metadata.Labels["writer"] = "first";
        await Update(first);
        var stale = created.Clone();
        stale.Metadata.Labels["writer"] = "second";

        var e = await IngressCalls.FailsWith(StatusCode.Aborted,
            () => _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = stale }));

        var info = e.Info();
        Assert.Equal("CONFLICT", info.Reason);
        Assert.Equal("Conflict", info.Metadata["kubernetes_reason"]);
        Assert.Equal("409", info.Metadata["kubernetes_code"]);
        Assert.Equal("Operation cannot be fulfilled on ingresses.networking.k8s.io \"web\": the object has been modified; " +
            "please apply your changes to the latest version and try again", e.Status.Detail);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        Assert.Equal("first", stored.Metadata.Labels["writer"]);
    }

    [Fact]
    public async Task UpdateIngress_NoResourceVersion_UnconditionalReplace()
    {
        var created = await Create(Simple("web"));
        var blind = Simple("web");
        blind.Spec.Rules[0].Host = "blind.example.com";

        var updated = await Update(blind);

        Assert.Equal("blind.example.com", updated.Spec.Rules[0].Host);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(2, updated.Metadata.Generation);
    }

    [Fact]
    public async Task UpdateIngress_StatusInRequest_StatusKept()
    {
        var created = await Create(Simple("web"));
        var withStatus = await _host.Ingresses.UpdateIngressStatusAsync(new UpdateIngressStatusRequest
        {
            Ingress = WithLoadBalancer(created, "192.0.2.7"),
        }).Bounded();
        var changed = withStatus.Clone();
        changed.Status.LoadBalancer.Ingress[0].Ip = "198.51.100.1";
        changed.Metadata.Labels["x"] = "y";

        var updated = await Update(changed);

        Assert.Equal("192.0.2.7", Assert.Single(updated.Status.LoadBalancer.Ingress).Ip);
        Assert.Equal("y", updated.Metadata.Labels["x"]);
    }

    [Fact]
    public async Task UpdateIngress_Missing_NotFound()
    {
        var e = await IngressCalls.FailsWith(StatusCode.NotFound,
            () => _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = Simple("ghost") }));

        Assert.Equal("default/ghost", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
    }

    [Fact]
    public async Task UpdateIngress_DryRun_NothingPersisted()
    {
        var created = await Create(Simple("web"));
        var changed = created.Clone();
        changed.Spec.Rules[0].Host = "dry.example.com";

        var answered = await Update(changed, dryRun: true);

        Assert.Equal("dry.example.com", answered.Spec.Rules[0].Host);
        Assert.Equal(2, answered.Metadata.Generation);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        Assert.Null(stored.Spec.Rules[0].Host);
        Assert.Equal(created.Metadata.ResourceVersion, stored.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateIngress_NoName_InvalidArgumentBeforeKubernetes()
    {
        var ingress = Simple("");

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = ingress }));

        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.Equal("is required", e.Violation("ingress.metadata.name").Description);
    }

    internal static Ingress WithLoadBalancer(Ingress ingress, string ip)
    {
        var copy = ingress.Clone();
        copy.Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus { Ingress = { new IngressLoadBalancerIngress { Ip = ip } } } };
        return copy;
    }
}
