using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>GetIngress: every read consistency, and the errors of a read.</summary>
public sealed class IngressGetTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(string name) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = Simple(name) }).Bounded();

    [Theory]
    [InlineData(Consistency.Unspecified)]
    [InlineData(Consistency.Cached)]
    [InlineData(Consistency.Strong)]
    public async Task GetIngress_Existing_ReturnsStoredObject(Consistency consistency)
    {
        var created = await Create("web");

        var read = await _host.Ingresses.GetIngressAsync(new GetIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            ReadOptions = new ReadOptions { Consistency = consistency, MinResourceVersion = created.Metadata.ResourceVersion },
        }).Bounded();

        Assert.Equal(created, read);
    }

    [Fact]
    public async Task GetIngress_Missing_NotFoundWithResourceInfo()
    {
        var e = await IngressCalls.FailsWith(StatusCode.NotFound,
            () => _host.Ingresses.GetIngressAsync(new GetIngressRequest { Namespace = Namespace, Name = "missing" }));

        Assert.Equal("ingresses.networking.k8s.io \"missing\" not found", e.Status.Detail);
        var info = e.Info();
        Assert.Equal("NOT_FOUND", info.Reason);
        Assert.Equal("Ingress", info.Metadata["kind"]);
        Assert.Equal("default", info.Metadata["namespace"]);
        Assert.Equal("missing", info.Metadata["name"]);
        Assert.Equal("NotFound", info.Metadata["kubernetes_reason"]);
        var resource = e.Detail<Google.Rpc.ResourceInfo>();
        Assert.Equal("networking.k8s.io/v1/ingresses", resource?.ResourceType);
        Assert.Equal("default/missing", resource?.ResourceName);
    }

    [Fact]
    public async Task GetIngress_NoNamespace_InvalidArgumentBeforeKubernetes()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.GetIngressAsync(new GetIngressRequest { Name = "web" }));

        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.Equal("is required", e.Violation("namespace").Description);
    }
}
