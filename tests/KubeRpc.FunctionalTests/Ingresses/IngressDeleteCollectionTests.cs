using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>DeleteIngressCollection: only the Ingresses of the namespace that match the selectors go, and they are returned.</summary>
public sealed class IngressDeleteCollectionTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(Ingress ingress) =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();

    private async Task<IEnumerable<string>> StoredNames() =>
        (await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout()).Items.Select(i => i.Metadata.Name);

    [Fact]
    public async Task DeleteIngressCollection_ByLabel_DeletesAndReturnsOnlyMatching()
    {
        await Create(Simple("canary-1", labels: new Dictionary<string, string> { ["track"] = "canary" }));
        await Create(Simple("canary-2", labels: new Dictionary<string, string> { ["track"] = "canary" }));
        await Create(Simple("stable", labels: new Dictionary<string, string> { ["track"] = "stable" }));

        var response = await _host.Ingresses.DeleteIngressCollectionAsync(new DeleteIngressCollectionRequest
        {
            Namespace = Namespace,
            LabelSelector = "track=canary",
        }).Bounded();

        Assert.Equal(["canary-1", "canary-2"], response.Ingresses.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(response.Ingresses, i => Assert.Equal("canary", i.Metadata.Labels["track"]));
        Assert.Equal(["stable"], await StoredNames());
    }

    [Fact]
    public async Task DeleteIngressCollection_DryRun_ReturnsMatchingAndKeepsThem()
    {
        await Create(Simple("one", labels: new Dictionary<string, string> { ["app"] = "x" }));
        await Create(Simple("two", labels: new Dictionary<string, string> { ["app"] = "x" }));

        var response = await _host.Ingresses.DeleteIngressCollectionAsync(new DeleteIngressCollectionRequest
        {
            Namespace = Namespace,
            LabelSelector = "app=x",
            DryRun = true,
        }).Bounded();

        Assert.Equal(2, response.Ingresses.Count);
        Assert.Equal(["one", "two"], await StoredNames());
    }

    [Fact]
    public async Task DeleteIngressCollection_NoNamespace_InvalidArgumentBeforeKubernetes()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.DeleteIngressCollectionAsync(new DeleteIngressCollectionRequest { LabelSelector = "app=x" }));

        Assert.Equal("is required", e.Violation("namespace").Description);
    }

    [Fact]
    public async Task DeleteIngressCollection_OtherNamespaceUntouched()
    {
        await _host.Kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } }).DefaultTimeout();
        await Create(Simple("here", labels: new Dictionary<string, string> { ["app"] = "x" }));
        await Create(Simple("there", "other", new Dictionary<string, string> { ["app"] = "x" }));

        var response = await _host.Ingresses.DeleteIngressCollectionAsync(new DeleteIngressCollectionRequest
        {
            Namespace = Namespace,
            LabelSelector = "app=x",
        }).Bounded();

        Assert.Equal(["here"], response.Ingresses.Select(i => i.Metadata.Name));
        var other = await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync("other").DefaultTimeout();
        Assert.Equal(["there"], other.Items.Select(i => i.Metadata.Name));
    }
}
