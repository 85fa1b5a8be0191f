using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// A full-featured Ingress is the same object whether seen through KubeRpc or through the Kubernetes API: every
/// field survives both directions of the mapping.
/// </summary>
public sealed class IngressFidelityTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateIngress_FullFeatured_KubernetesSeesWhatRpcReturned()
    {
        var sent = FullFeatured("shop");

        var created = await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = sent }).Bounded();

        // What was sent comes back unchanged (Kubernetes defaults nothing in an Ingress spec).
        Assert.Equal(sent.Spec, created.Spec);
        Assert.Equal(sent.Metadata.Labels, created.Metadata.Labels);
        Assert.Equal(sent.Metadata.Annotations, created.Metadata.Annotations);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("shop", Namespace).DefaultTimeout();
        IngressAssert.SameAs(stored, created);
        var read = await _host.Ingresses.GetIngressAsync(new GetIngressRequest { Namespace = Namespace, Name = "shop" }).Bounded();
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task GetIngress_WrittenThroughKubernetes_EveryFieldMapped()
    {
        var ingress = new V1Ingress
        {
            Metadata = new V1ObjectMeta
            {
                Name = "external",
                Labels = new Dictionary<string, string> { ["app"] = "external" },
                Annotations = new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/rewrite-target"] = "/" },
                Finalizers = ["example.com/keep"],
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = "contour",
                DefaultBackend = new V1IngressBackend { Resource = new V1TypedLocalObjectReference { ApiGroup = "k8s.example.com", Kind = "Bucket", Name = "b" } },
                Tls = [new V1IngressTLS { Hosts = ["a.example.com"], SecretName = "a-tls" }],
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = "a.example.com",
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath { Path = "/x", PathType = "Exact", Backend = Svc("x", number: 81) },
                                new V1HTTPIngressPath { Path = "/y", PathType = "Prefix", Backend = Svc("y", port: "metrics") },
                                new V1HTTPIngressPath { PathType = "ImplementationSpecific", Backend = Svc("z", number: 82) },
                            ],
                        },
                    },
                    new V1IngressRule
                    {
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths = [new V1HTTPIngressPath { Path = "/core", PathType = "Prefix",
                                Backend = new V1IngressBackend { Resource = new V1TypedLocalObjectReference { Kind = "ConfigMap", Name = "c" } } }],
                        },
                    },
                ],
            },
        };
        var created = await _host.Kubernetes.NetworkingV1.CreateNamespacedIngressAsync(ingress, Namespace).DefaultTimeout();
        created.Status = new V1IngressStatus
        {
            LoadBalancer = new V1IngressLoadBalancerStatus
            {
                Ingress =
                [
                    new V1IngressLoadBalancerIngress { Ip = "192.0.2.10", Ports = [new V1IngressPortStatus { Port = 443, Protocol = "TCP" }] },
                    new V1IngressLoadBalancerIngress
                    {
                        Hostname = "lb.example.net",
                        Ports = [new V1IngressPortStatus { Port = 80, Protocol = "UDP", Error = "PortUnavailable" }],
                    },
                ],
            },
        };
        var withStatus = await _host.Kubernetes.NetworkingV1.ReplaceNamespacedIngressStatusAsync(created, "external", Namespace).DefaultTimeout();

        var read = await _host.Ingresses.GetIngressAsync(new GetIngressRequest
        {
            Namespace = Namespace,
            Name = "external",
            ReadOptions = new ReadOptions { MinResourceVersion = withStatus.Metadata.ResourceVersion },
        }).Bounded();

        IngressAssert.SameAs(withStatus, read);
        Assert.Equal(2, read.Metadata.ManagedFields.Count);
        Assert.Equal("PortUnavailable", read.Status.LoadBalancer.Ingress[1].Ports[0].Error);
        Assert.False(read.Status.LoadBalancer.Ingress[0].Ports[0].HasError);
    }

    [Fact]
    public async Task ListIngresses_FullFeatured_ItemsMatchKubernetesList()
    {
        await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = FullFeatured("one") }).Bounded();
        await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = FullFeatured("two") }).Bounded();

        var listed = await _host.Ingresses.ListIngressesAsync(new ListIngressesRequest
        {
            Namespace = Namespace,
            ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }).Bounded();

        var stored = await _host.Kubernetes.NetworkingV1.ListNamespacedIngressAsync(Namespace).DefaultTimeout();
        Assert.Equal(stored.Items.Select(i => i.Metadata.Name), listed.Ingresses.Select(i => i.Metadata.Name));
        for (var i = 0; i < stored.Items.Count; i++)
        {
            IngressAssert.SameAs(stored.Items[i], listed.Ingresses[i]);
        }
    }

    private static V1IngressBackend Svc(string service, int? number = null, string? port = null) => new()
    {
        Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = number, Name = port } },
    };
}
