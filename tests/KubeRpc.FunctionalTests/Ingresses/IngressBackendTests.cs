using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// Ingress backends: a Service port by name or by number, and resource backends with or without an API group, stored
/// exactly as Kubernetes would store them.
/// </summary>
public sealed class IngressBackendTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private Task<k8s.Models.V1Ingress> ReadFromCluster(string name) =>
        _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync(name, Namespace).DefaultTimeout();

    [Fact]
    public async Task CreateIngress_ServicePortByName_NumberAbsent()
    {
        var ingress = Named("by-name");
        ingress.Spec.DefaultBackend = ServiceByName("web", "http");

        var created = await Create(ingress);

        Assert.Equal(new ServiceBackendPort { Name = "http" }, created.Spec.DefaultBackend.Service.Port);
        var json = IngressAssert.Json(await ReadFromCluster("by-name"));
        Assert.Equal("""{"name":"http"}""", json["spec"]!["defaultBackend"]!["service"]!["port"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateIngress_ServicePortByNumber_NameAbsent()
    {
        var ingress = Named("by-number");
        ingress.Spec.DefaultBackend = ServiceByNumber("web", 8443);

        var created = await Create(ingress);

        Assert.Equal(new ServiceBackendPort { Number = 8443 }, created.Spec.DefaultBackend.Service.Port);
        var json = IngressAssert.Json(await ReadFromCluster("by-number"));
        Assert.Equal("""{"number":8443}""", json["spec"]!["defaultBackend"]!["service"]!["port"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateIngress_ResourceBackends_ApiGroupPresenceKept()
    {
        var ingress = Named("resources");
        ingress.Spec.DefaultBackend = Resource("k8s.example.com", "StorageBucket", "static-assets");
        ingress.Spec.Rules.Add(Rule("", Path("/config", PathType.Exact, Resource(null, "ConfigMap", "site-config"))));

        var created = await Create(ingress);

        var bucket = created.Spec.DefaultBackend.Resource;
        Assert.Equal(("k8s.example.com", "StorageBucket", "static-assets"), (bucket.ApiGroup, bucket.Kind, bucket.Name));
        Assert.Null(created.Spec.DefaultBackend.Service);
        var core = created.Spec.Rules[0].Http.Paths[0].Backend.Resource;
        Assert.False(core.HasApiGroup);
        Assert.Equal(("ConfigMap", "site-config"), (core.Kind, core.Name));
        var json = IngressAssert.Json(await ReadFromCluster("resources"));
        Assert.Equal("""{"apiGroup":"k8s.example.com","kind":"StorageBucket","name":"static-assets"}""",
            json["spec"]!["defaultBackend"]!["resource"]!.ToJsonString());
        Assert.Equal("""{"kind":"ConfigMap","name":"site-config"}""",
            json["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["resource"]!.ToJsonString());
    }
}
