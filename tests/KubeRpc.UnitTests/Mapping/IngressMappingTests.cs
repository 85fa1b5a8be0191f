using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using static KubeRpc.UnitTests.Mapping.ProtoSamples;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>proto → Kubernetes → proto for Ingresses: backends of every form, rules, paths, TLS and status.</summary>
public sealed class IngressMappingTests
{
    private static Ingress FullIngress() => new()
    {
        Metadata = Metadata("shop"),
        Spec = new IngressSpec
        {
            IngressClassName = "nginx",
            DefaultBackend = ServiceBackend("fallback", 8080),
            Tls =
            {
                new IngressTLS { Hosts = { "shop.example.com", "*.shop.example.com" }, SecretName = "shop-tls" },
                new IngressTLS { Hosts = { "sni.example.com" } },
            },
            Rules =
            {
                new IngressRule
                {
                    Host = "shop.example.com",
                    Http = new HTTPIngressRuleValue
                    {
                        Paths =
                        {
                            Path("/api", PathType.Prefix, ServiceBackend("api", "http")),
                            Path("/healthz", PathType.Exact, ServiceBackend("api", 9090)),
                            Path("/static", PathType.ImplementationSpecific, new IngressBackend
                            {
                                Resource = new TypedLocalObjectReference { ApiGroup = "storage.example.com", Kind = "Bucket", Name = "assets" },
                            }),
                            Path("", PathType.ImplementationSpecific, new IngressBackend
                            {
                                Resource = new TypedLocalObjectReference { Kind = "ConfigMap", Name = "maintenance" },
                            }),
                        },
                    },
                },
                new IngressRule
                {
                    Host = "*.shop.example.com",
                    Http = new HTTPIngressRuleValue { Paths = { Path("/", PathType.Prefix, ServiceBackend("tenant", "web")) } },
                },
                new IngressRule { Http = new HTTPIngressRuleValue { Paths = { Path("/", PathType.Prefix, ServiceBackend("any", 80)) } } },
            },
        },
        Status = new IngressStatus
        {
            LoadBalancer = new IngressLoadBalancerStatus
            {
                Ingress =
                {
                    new IngressLoadBalancerIngress
                    {
                        Ip = "203.0.113.20",
                        Ports = { new IngressPortStatus { Port = 443, Protocol = Protocol.Tcp, Error = "CertificateExpired" } },
                    },
                    new IngressLoadBalancerIngress { Hostname = "lb.example.com" },
                },
            },
        },
    };

    [Fact]
    public void RoundTrip_FullIngress_Equal()
    {
        var ingress = FullIngress();

        Assert.Equal(ingress, IngressMapping.ToProto(IngressMapping.ToKubernetes(ingress)));
    }

    [Fact]
    public void ToKubernetes_FullIngress_HasKubernetesValues()
    {
        var kubernetes = IngressMapping.ToKubernetes(FullIngress());

        Assert.Equal(("networking.k8s.io/v1", "Ingress"), (kubernetes.ApiVersion, kubernetes.Kind));
        Assert.Equal("nginx", kubernetes.Spec.IngressClassName);
        Assert.Equal(8080, kubernetes.Spec.DefaultBackend.Service.Port.Number);
        Assert.Null(kubernetes.Spec.DefaultBackend.Service.Port.Name);
        Assert.Null(kubernetes.Spec.DefaultBackend.Resource);
        var paths = kubernetes.Spec.Rules[0].Http.Paths;
        Assert.Equal(["Prefix", "Exact", "ImplementationSpecific", "ImplementationSpecific"], paths.Select(p => p.PathType));
        Assert.Equal("http", paths[0].Backend.Service.Port.Name);
        Assert.Null(paths[0].Backend.Service.Port.Number);
        Assert.Equal("storage.example.com", paths[2].Backend.Resource.ApiGroup);
        Assert.Null(paths[3].Backend.Resource.ApiGroup);
        Assert.Null(paths[3].Path);
        Assert.Equal("*.shop.example.com", kubernetes.Spec.Rules[1].Host);
        Assert.Null(kubernetes.Spec.Rules[2].Host);
        Assert.Null(kubernetes.Spec.Tls[1].SecretName);
        Assert.Equal("TCP", kubernetes.Status.LoadBalancer.Ingress[0].Ports[0].Protocol);
    }

    [Fact]
    public void RoundTrip_CoreGroupExplicitlyEmpty_KeepsPresence()
    {
        var ingress = new Ingress
        {
            Spec = new IngressSpec
            {
                IngressClassName = "",
                DefaultBackend = new IngressBackend { Resource = new TypedLocalObjectReference { ApiGroup = "", Kind = "Service", Name = "x" } },
            },
        };

        var kubernetes = IngressMapping.ToKubernetes(ingress);

        Assert.Equal("", kubernetes.Spec.DefaultBackend.Resource.ApiGroup);
        Assert.Equal("", kubernetes.Spec.IngressClassName);
        Assert.Equal(ingress, IngressMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_BackendWithServiceAndResource_KeepsBoth()
    {
        // Not valid in Kubernetes; carried as given so that the API server's message reaches the client.
        var backend = ServiceBackend("api", 80);
        backend.Resource = new TypedLocalObjectReference { Kind = "Bucket", Name = "b" };
        var ingress = new Ingress { Spec = new IngressSpec { DefaultBackend = backend } };

        var kubernetes = IngressMapping.ToKubernetes(ingress);

        Assert.NotNull(kubernetes.Spec.DefaultBackend.Service);
        Assert.NotNull(kubernetes.Spec.DefaultBackend.Resource);
        Assert.Equal(ingress, IngressMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_EmptyMessages_KeepPresence()
    {
        var ingress = new Ingress
        {
            Metadata = new ObjectMeta { Name = "empty" },
            Spec = new IngressSpec
            {
                DefaultBackend = new IngressBackend { Service = new IngressServiceBackend { Name = "s", Port = new ServiceBackendPort() } },
                Rules = { new IngressRule { Host = "a.example.com" }, new IngressRule { Http = new HTTPIngressRuleValue() } },
            },
            Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus() },
        };

        var kubernetes = IngressMapping.ToKubernetes(ingress);

        Assert.Null(kubernetes.Spec.Rules[0].Http);
        Assert.Null(kubernetes.Spec.Rules[1].Http.Paths);
        Assert.Null(kubernetes.Spec.DefaultBackend.Service.Port.Number);
        Assert.Equal(ingress, IngressMapping.ToProto(kubernetes));
    }
}
