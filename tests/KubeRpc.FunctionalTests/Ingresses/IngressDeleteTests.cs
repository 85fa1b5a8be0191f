using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// DeleteIngress. Kubernetes answers an Ingress DELETE with a Status, not the object; KubeRpc still returns the Ingress
/// that was deleted, or the Ingress with a deletion timestamp while finalizers hold it.
/// </summary>
public sealed class IngressDeleteTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private Task<Ingress> Delete(string name, Preconditions? preconditions = null, bool dryRun = false) =>
        _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest
        {
            Namespace = Namespace,
            Name = name,
            Preconditions = preconditions,
            DryRun = dryRun,
        }).Bounded();

    private async Task<IEnumerable<string>> StoredNames() =>
        (await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout()).Items.Select(i => i.Metadata.Name);

    [Fact]
    public async Task DeleteIngress_Existing_ReturnsDeletedIngress()
    {
        var created = await Create(FullFeatured("web"));

        var deleted = await Delete("web");

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.Equal(created.Metadata.Name, deleted.Metadata.Name);
        Assert.Equal(created.Spec, deleted.Spec);
        Assert.Equal(created.Metadata.Labels, deleted.Metadata.Labels);
        Assert.DoesNotContain("web", await StoredNames());
        await IngressCalls.FailsWith(StatusCode.NotFound,
            () => _host.Ingresses.GetIngressAsync(new GetIngressRequest
            {
                Namespace = Namespace,
                Name = "web",
                ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
            }));
    }

    [Fact]
    public async Task DeleteIngress_WrongUidPrecondition_AbortedAndKept()
    {
        var created = await Create(Simple("web"));

        var e = await IngressCalls.FailsWith(StatusCode.Aborted, () => _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            Preconditions = new Preconditions { Uid = "00000000-0000-0000-0000-000000000000" },
        }));

        Assert.Equal("CONFLICT", e.Info().Reason);
        Assert.Contains("the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match the UID in record " +
            $"({created.Metadata.Uid})", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("web", await StoredNames());
    }

    [Fact]
    public async Task DeleteIngress_StaleResourceVersionPrecondition_AbortedAndKept()
    {
        var created = await Create(Simple("web"));
        var changed = created.Clone();
        changed.Metadata.Labels["v"] = "2";
        await _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = changed }).Bounded();

        var e = await IngressCalls.FailsWith(StatusCode.Aborted,
            () => _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest
            {
                Namespace = Namespace,
                Name = "web",
                Preconditions = new Preconditions { ResourceVersion = created.Metadata.ResourceVersion },
            }));

        Assert.Equal("CONFLICT", e.Info().Reason);
        Assert.Contains("web", await StoredNames());
    }

    [Fact]
    public async Task DeleteIngress_MatchingPreconditions_Deleted()
    {
        var created = await Create(Simple("web"));

        var deleted = await Delete("web", new Preconditions { Uid = created.Metadata.Uid, ResourceVersion = created.Metadata.ResourceVersion });

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.DoesNotContain("web", await StoredNames());
    }

    [Fact]
    public async Task DeleteIngress_Missing_NotFoundWithResourceInfo()
    {
        var e = await IngressCalls.FailsWith(StatusCode.NotFound,
            () => _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest { Namespace = Namespace, Name = "ghost" }));

        Assert.Equal("NOT_FOUND", e.Info().Reason);
        Assert.Equal("default/ghost", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
        Assert.Equal("ingresses.networking.k8s.io \"ghost\" not found", e.Status.Detail);
    }

    [Fact]
    public async Task DeleteIngress_DryRun_ReturnsIngressAndKeepsIt()
    {
        var created = await Create(Simple("web"));

        var answered = await Delete("web", dryRun: true);

        Assert.Equal(created.Metadata.Uid, answered.Metadata.Uid);
        Assert.Contains("web", await StoredNames());
    }

    [Fact]
    public async Task DeleteIngress_HeldByFinalizer_ReturnsIngressWithDeletionTimestamp()
    {
        var ingress = Simple("held");
        ingress.Metadata.Finalizers.Add("example.com/cleanup");
        await Create(ingress);

        var deleting = await Delete("held");

        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        Assert.Equal(["example.com/cleanup"], deleting.Metadata.Finalizers);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("held", Namespace).DefaultTimeout();
        Assert.NotNull(stored.Metadata.DeletionTimestamp);
        Assert.Equal(stored.Metadata.ResourceVersion, deleting.Metadata.ResourceVersion);
    }
}
