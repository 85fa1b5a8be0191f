using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// What CreateIngress adds and refuses beyond the spec: generation, uid, cleared status, generated names, dry run,
/// field manager, and AlreadyExists.
/// </summary>
public sealed class IngressCreateLifecycleTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress, bool dryRun = false) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress, DryRun = dryRun }).Bounded();

    private Task<k8s.Models.V1Ingress> ReadFromCluster(string name) =>
        _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync(name, Namespace).DefaultTimeout();

    [Fact]
    public async Task CreateIngress_New_GenerationOneUidAndEmptyStatus()
    {
        var ingress = Simple("fresh");
        // Status is the controller's to write: Kubernetes clears it on create.
        ingress.Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus { Ingress = { new IngressLoadBalancerIngress { Ip = "192.0.2.1" } } } };

        var created = await Create(ingress);

        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotEmpty(created.Metadata.Uid);
        Assert.NotEmpty(created.Metadata.ResourceVersion);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Empty(created.Status.LoadBalancer.Ingress);
        Assert.Equal("kuberpc", Assert.Single(created.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task CreateIngress_GenerateName_NameGenerated()
    {
        var ingress = Simple("");
        ingress.Metadata.GenerateName = "gen-";

        var created = await Create(ingress);

        Assert.StartsWith("gen-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(created.Metadata.Uid, (await ReadFromCluster(created.Metadata.Name)).Metadata.Uid);
    }

    [Fact]
    public async Task CreateIngress_DryRun_ReturnsObjectButPersistsNothing()
    {
        var created = await Create(Simple("dry"), dryRun: true);

        Assert.Equal("dry", created.Metadata.Name);
        Assert.Equal(1, created.Metadata.Generation);
        var list = await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout();
        Assert.DoesNotContain(list.Items, i => i.Metadata.Name == "dry");
    }

    [Fact]
    public async Task CreateIngress_Twice_AlreadyExistsWithResourceInfo()
    {
        await Create(Simple("twice"));

        var e = await IngressCalls.FailsWith(StatusCode.AlreadyExists,
            () => _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = Simple("twice") }));

        Assert.Equal("ALREADY_EXISTS", e.Info().Reason);
        var resource = e.Detail<Google.Rpc.ResourceInfo>();
        Assert.Equal("default/twice", resource?.ResourceName);
        Assert.Equal("networking.k8s.io/v1/ingresses", resource?.ResourceType);
        Assert.Equal("ingresses.networking.k8s.io \"twice\" already exists", e.Status.Detail);
    }

    [Fact]
    public async Task CreateIngress_FieldManager_RecordedInManagedFields()
    {
        var created = await _host.Ingresses.CreateIngressAsync(
            new CreateIngressRequest { Ingress = Simple("managed"), FieldManager = "deployer" }).Bounded();

        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("deployer", "Update", "networking.k8s.io/v1"), (entry.Manager, entry.Operation, entry.ApiVersion));
        Assert.Contains("f:rules", entry.FieldsV1, StringComparison.Ordinal);
    }
}
