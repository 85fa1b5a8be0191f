using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// CreateIngress with each shape of routing Kubernetes accepts (default backend only, host, no-host and wildcard rules,
/// every path type, TLS), read back through the RPC and through the cluster.
/// </summary>
public sealed class IngressCreateTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private Task<k8s.Models.V1Ingress> ReadFromCluster(string name) =>
        _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync(name, Namespace).DefaultTimeout();

    [Fact]
    public async Task CreateIngress_DefaultBackendOnly_StoredWithoutRules()
    {
        var ingress = Named("catch-all");
        ingress.Spec.DefaultBackend = ServiceByNumber("web", 80);

        var created = await Create(ingress);

        Assert.Empty(created.Spec.Rules);
        Assert.Equal(ServiceByNumber("web", 80), created.Spec.DefaultBackend);
        var stored = await ReadFromCluster("catch-all");
        Assert.Null(stored.Spec.Rules);
        Assert.Equal("web", stored.Spec.DefaultBackend.Service.Name);
        Assert.Equal(80, stored.Spec.DefaultBackend.Service.Port.Number);
    }

    [Fact]
    public async Task CreateIngress_HostRules_EachHostKeepsItsPaths()
    {
        var ingress = Named("hosts");
        ingress.Spec.Rules.Add(Rule("foo.example.com", Path("/", PathType.Prefix, ServiceByNumber("foo", 80))));
        ingress.Spec.Rules.Add(Rule("bar.example.com", Path("/v1", PathType.Prefix, ServiceByNumber("bar", 8080)),
            Path("/v2", PathType.Prefix, ServiceByNumber("bar-v2", 8080))));

        var created = await Create(ingress);

        Assert.Equal(ingress.Spec.Rules, created.Spec.Rules);
        var stored = await ReadFromCluster("hosts");
        Assert.Equal(["foo.example.com", "bar.example.com"], stored.Spec.Rules.Select(r => r.Host));
        Assert.Equal(["bar", "bar-v2"], stored.Spec.Rules[1].Http.Paths.Select(p => p.Backend.Service.Name));
    }

    [Fact]
    public async Task CreateIngress_NoHostRule_HostAbsentInKubernetes()
    {
        var created = await Create(Simple("any-host"));

        Assert.Equal("", created.Spec.Rules[0].Host);
        var json = IngressAssert.Json(await ReadFromCluster("any-host"));
        Assert.False(json["spec"]!["rules"]![0]!.AsObject().ContainsKey("host"), json.ToJsonString());
    }

    [Fact]
    public async Task CreateIngress_WildcardHost_Accepted()
    {
        var ingress = Named("wildcard");
        ingress.Spec.Rules.Add(Rule("*.example.com", Path("/", PathType.Prefix, ServiceByNumber("tenant", 80))));

        var created = await Create(ingress);

        Assert.Equal("*.example.com", created.Spec.Rules[0].Host);
        Assert.Equal("*.example.com", (await ReadFromCluster("wildcard")).Spec.Rules[0].Host);
    }

    [Theory]
    [InlineData(PathType.Exact, "/exact/match")]
    [InlineData(PathType.Prefix, "/prefix")]
    [InlineData(PathType.ImplementationSpecific, "/anything/.*")]
    [InlineData(PathType.ImplementationSpecific, "")]
    public async Task CreateIngress_PathType_StoredAsKubernetesName(PathType type, string path)
    {
        var ingress = Named("paths");
        ingress.Spec.Rules.Add(Rule("example.com", Path(path, type, ServiceByNumber("web", 80))));

        var created = await Create(ingress);

        Assert.Equal(type, created.Spec.Rules[0].Http.Paths[0].PathType);
        Assert.Equal(path, created.Spec.Rules[0].Http.Paths[0].Path);
        var stored = (await ReadFromCluster("paths")).Spec.Rules[0].Http.Paths[0];
        Assert.Equal(IngressAssert.PathTypeName(type), stored.PathType);
        Assert.Equal(path.Length == 0 ? null : path, stored.Path);
    }

    [Fact]
    public async Task CreateIngress_Tls_HostsAndSecretNameKept()
    {
        var ingress = Simple("tls");
        ingress.Spec.Tls.Add(Tls("shop-cert", "shop.example.com", "*.shop.example.com"));
        ingress.Spec.Tls.Add(Tls("", "sni-only.example.com"));

        var created = await Create(ingress);

        Assert.Equal(ingress.Spec.Tls, created.Spec.Tls);
        var stored = await ReadFromCluster("tls");
        Assert.Equal("shop-cert", stored.Spec.Tls[0].SecretName);
        Assert.Equal(["shop.example.com", "*.shop.example.com"], stored.Spec.Tls[0].Hosts);
        Assert.Null(stored.Spec.Tls[1].SecretName);
        Assert.Equal(["sni-only.example.com"], stored.Spec.Tls[1].Hosts);
    }
}
