using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>Builders for the proto Ingresses the tests send, so each test shows only what it is about.</summary>
public static class IngressFixtures
{
    public const string Namespace = "default";

    /// <summary>An Ingress with metadata only; the test adds its spec.</summary>
    public static Ingress Named(string name, string ns = Namespace, IDictionary<string, string>? labels = null)
    {
        var meta = new ObjectMeta { Name = name, Namespace = ns };
        if (labels is not null)
        {
            meta.Labels.Add(labels);
        }
        return new Ingress { Metadata = meta, Spec = new IngressSpec() };
    }

    /// <summary>The smallest valid Ingress: one no-host rule routing <c>/</c> (Prefix) to Service <c>web:80</c>.</summary>
    public static Ingress Simple(string name, string ns = Namespace, IDictionary<string, string>? labels = null)
    {
        var ingress = Named(name, ns, labels);
        ingress.Spec.Rules.Add(Rule("", Path("/", PathType.Prefix, ServiceByNumber("web", 80))));
        return ingress;
    }

    public static IngressBackend ServiceByNumber(string service, int port) =>
        new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = port } } };

    public static IngressBackend ServiceByName(string service, string port) =>
        new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Name = port } } };

    /// <summary>A resource backend; a null <paramref name="apiGroup"/> leaves it unset (the core group).</summary>
    public static IngressBackend Resource(string? apiGroup, string kind, string name)
    {
        var reference = new TypedLocalObjectReference { Kind = kind, Name = name };
        if (apiGroup is not null)
        {
            reference.ApiGroup = apiGroup;
        }
        return new IngressBackend { Resource = reference };
    }

    public static HTTPIngressPath Path(string path, PathType type, IngressBackend backend) =>
        new() { Path = path, PathType = type, Backend = backend };

    public static IngressRule Rule(string host, params HTTPIngressPath[] paths) =>
        new() { Host = host, Http = new HTTPIngressRuleValue { Paths = { paths } } };

    public static IngressTLS Tls(string secretName, params string[] hosts) => new() { SecretName = secretName, Hosts = { hosts } };

    /// <summary>
    /// An Ingress that uses every field of the spec: class, default backend by port name, two TLS entries, a host
    /// rule with every path type, a wildcard rule and a no-host rule with resource backends.
    /// </summary>
    public static Ingress FullFeatured(string name)
    {
        var ingress = Named(name, labels: new Dictionary<string, string> { ["app"] = name, ["tier"] = "edge" });
        ingress.Metadata.Annotations.Add("example.com/owner", "team-a");
        ingress.Spec.IngressClassName = "nginx";
        ingress.Spec.DefaultBackend = ServiceByName("fallback", "http");
        ingress.Spec.Tls.Add(Tls("shop-tls", "shop.example.com", "*.example.com"));
        ingress.Spec.Tls.Add(Tls("", "sni.example.com"));
        ingress.Spec.Rules.Add(Rule("shop.example.com",
            Path("/cart", PathType.Exact, ServiceByNumber("cart", 8080)),
            Path("/api", PathType.Prefix, ServiceByName("api", "grpc-web")),
            Path("/legacy", PathType.ImplementationSpecific, ServiceByNumber("legacy", 80))));
        ingress.Spec.Rules.Add(Rule("*.example.com", Path("/", PathType.Prefix, ServiceByNumber("tenant", 80))));
        ingress.Spec.Rules.Add(Rule("",
            Path("/static", PathType.Prefix, Resource("k8s.example.com", "StorageBucket", "static-assets")),
            Path("/config", PathType.Exact, Resource(null, "ConfigMap", "site-config"))));
        return ingress;
    }
}
