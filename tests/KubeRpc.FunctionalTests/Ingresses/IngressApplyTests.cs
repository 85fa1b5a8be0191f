using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>ApplyIngress (server-side apply of a typed Ingress): idempotence, field ownership and conflicts.</summary>
public sealed class IngressApplyTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Apply(Ingress ingress, string manager = "deployer", bool force = false, bool dryRun = false) =>
        _host.Ingresses.ApplyIngressAsync(new ApplyIngressRequest { Ingress = ingress, FieldManager = manager, Force = force, DryRun = dryRun }).Bounded();

    private static Ingress Desired()
    {
        var ingress = Simple("web", labels: new Dictionary<string, string> { ["app"] = "web" });
        ingress.Spec.Rules[0].Host = "web.example.com";
        ingress.Spec.Tls.Add(Tls("web-tls", "web.example.com"));
        return ingress;
    }

    [Fact]
    public async Task ApplyIngress_SameConfigTwice_Idempotent()
    {
        var first = await Apply(Desired());
        var second = await Apply(Desired());

        Assert.Equal(1, first.Metadata.Generation);
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(1, second.Metadata.Generation);
        Assert.Equal(first.Spec, second.Spec);
        var entry = Assert.Single(second.Metadata.ManagedFields);
        Assert.Equal(("deployer", "Apply"), (entry.Manager, entry.Operation));
    }

    [Fact]
    public async Task ApplyIngress_ChangedConfig_GenerationIncrementsAndDroppedFieldsRemoved()
    {
        var first = await Apply(Desired());
        var changed = Desired();
        changed.Spec.Tls.Clear();
        changed.Metadata.Labels.Clear();
        changed.Spec.Rules[0].Http.Paths[0].Backend = ServiceByName("web", "https");

        var second = await Apply(changed);

        Assert.Equal(2, second.Metadata.Generation);
        Assert.NotEqual(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Empty(second.Spec.Tls);
        Assert.DoesNotContain("app", second.Metadata.Labels.Keys);
        Assert.Equal(ServiceByName("web", "https"), second.Spec.Rules[0].Http.Paths[0].Backend);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        IngressAssert.SameAs(stored, second);
    }

    [Fact]
    public async Task ApplyIngress_OtherManagerOwnsRules_AbortedConflictUntilForced()
    {
        await Apply(Desired(), manager: "deployer");
        var rival = Desired();
        rival.Spec.Rules[0].Host = "rival.example.com";

        var e = await IngressCalls.FailsWith(StatusCode.Aborted,
            () => _host.Ingresses.ApplyIngressAsync(new ApplyIngressRequest { Ingress = rival, FieldManager = "rival" }));

        Assert.Equal("CONFLICT", e.Info().Reason);
        Assert.Contains("conflict with \"deployer\"", e.Status.Detail, StringComparison.Ordinal);
        var forced = await Apply(rival, manager: "rival", force: true);
        Assert.Equal("rival.example.com", forced.Spec.Rules[0].Host);
        Assert.Contains(forced.Metadata.ManagedFields, m => m.Manager == "rival" && m.FieldsV1.Contains("f:rules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyIngress_DryRun_NothingPersisted()
    {
        var answered = await Apply(Desired(), dryRun: true);

        Assert.Equal("web.example.com", answered.Spec.Rules[0].Host);
        var list = await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout();
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task ApplyIngress_NoFieldManager_InvalidArgument()
    {
        // The contract (ingress_manager.proto) says field_manager is required for apply, as Kubernetes does.
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.ApplyIngressAsync(new ApplyIngressRequest { Ingress = Desired() }));

        Assert.NotNull(e.Detail<Google.Rpc.BadRequest>());
        var list = await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout();
        Assert.Empty(list.Items);
    }
}
