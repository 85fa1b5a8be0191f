using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// spec.ingress_class_name: kept as given, and filled in by the API server's DefaultIngressClass admission when an
/// IngressClass is annotated as the cluster default and the Ingress names none.
/// </summary>
public sealed class IngressClassTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private Task<V1IngressClass> CreateClass(string name, bool isDefault) =>
        _host.Kubernetes.NetworkingV1.CreateIngressClassAsync(new V1IngressClass
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = isDefault ? new Dictionary<string, string> { ["ingressclass.kubernetes.io/is-default-class"] = "true" } : null,
            },
            Spec = new V1IngressClassSpec { Controller = "example.com/ingress-controller" },
        }).DefaultTimeout();

    [Fact]
    public async Task CreateIngress_ExplicitClass_Kept()
    {
        var ingress = Simple("classy");
        ingress.Spec.IngressClassName = "nginx";

        var created = await Create(ingress);

        Assert.True(created.Spec.HasIngressClassName);
        Assert.Equal("nginx", created.Spec.IngressClassName);
        Assert.Equal("nginx", (await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("classy", Namespace).DefaultTimeout()).Spec.IngressClassName);
    }

    [Fact]
    public async Task CreateIngress_NoClassAndNoDefaultClass_ClassStaysUnset()
    {
        await CreateClass("not-default", isDefault: false);

        var created = await Create(Simple("classless"));

        Assert.False(created.Spec.HasIngressClassName);
    }

    [Fact]
    public async Task CreateIngress_NoClassWithDefaultClass_DefaultFilledIn()
    {
        await CreateClass("other", isDefault: false);
        await CreateClass("standard", isDefault: true);

        var created = await Create(Simple("defaulted"));

        Assert.True(created.Spec.HasIngressClassName);
        Assert.Equal("standard", created.Spec.IngressClassName);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("defaulted", Namespace).DefaultTimeout();
        Assert.Equal("standard", stored.Spec.IngressClassName);
    }

    [Fact]
    public async Task CreateIngress_ExplicitClassWithDefaultClass_ExplicitWins()
    {
        await CreateClass("standard", isDefault: true);
        var ingress = Simple("explicit");
        ingress.Spec.IngressClassName = "special";

        var created = await Create(ingress);

        Assert.Equal("special", created.Spec.IngressClassName);
    }

    [Fact]
    public async Task CreateIngress_LegacyClassAnnotationWithDefaultClass_NotDefaulted()
    {
        await CreateClass("standard", isDefault: true);
        var ingress = Simple("legacy");
        ingress.Metadata.Annotations.Add("kubernetes.io/ingress.class", "traefik");

        var created = await Create(ingress);

        Assert.False(created.Spec.HasIngressClassName);
        Assert.Equal("traefik", created.Metadata.Annotations["kubernetes.io/ingress.class"]);
    }

    [Fact]
    public async Task UpdateIngress_DefaultClassAddedLater_ExistingIngressUnchanged()
    {
        var created = await Create(Simple("before"));
        await CreateClass("standard", isDefault: true);
        created.Metadata.Labels.Add("touched", "yes");

        // The admission plugin defaults on create only.
        var updated = await _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = created }).Bounded();

        Assert.False(updated.Spec.HasIngressClassName);
        Assert.Equal("yes", updated.Metadata.Labels["touched"]);
    }
}
