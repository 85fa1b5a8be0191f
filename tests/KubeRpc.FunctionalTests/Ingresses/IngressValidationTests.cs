using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// What the API server rejects surfaces as INVALID_ARGUMENT with one BadRequest field violation per Status cause,
/// the field being the Kubernetes path and the description Kubernetes' own words; what KubeRpc can judge alone is
/// rejected before any Kubernetes call with the request's proto field path.
/// </summary>
public sealed class IngressValidationTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Creates <paramref name="ingress"/>, which must be invalid, and checks what every 422 carries.</summary>
    private async Task<RpcException> Rejected(Ingress ingress)
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }));
        var info = e.Info();
        Assert.Equal("INVALID", info.Reason);
        Assert.Equal("Invalid", info.Metadata["kubernetes_reason"]);
        Assert.Equal("422", info.Metadata["kubernetes_code"]);
        Assert.StartsWith($"Ingress.networking.k8s.io \"{ingress.Metadata.Name}\" is invalid: ", e.Status.Detail, StringComparison.Ordinal);
        return e;
    }

    private static Ingress OnePath(string path, PathType type, IngressBackend backend, string host = "")
    {
        var ingress = Named("bad");
        ingress.Spec.Rules.Add(Rule(host, Path(path, type, backend)));
        return ingress;
    }

    [Fact]
    public async Task CreateIngress_PrefixPathWithoutLeadingSlash_ViolationAtPath()
    {
        var e = await Rejected(OnePath("api", PathType.Prefix, ServiceByNumber("web", 80)));

        Assert.Equal("Invalid value: \"api\": must be an absolute path", e.Violation("spec.rules[0].http.paths[0].path").Description);
    }

    [Fact]
    public async Task CreateIngress_ExactPathWithDoubleSlash_ViolationAtPath()
    {
        var e = await Rejected(OnePath("/a//b", PathType.Exact, ServiceByNumber("web", 80)));

        Assert.Equal("Invalid value: \"/a//b\": must not contain '//'", e.Violation("spec.rules[0].http.paths[0].path").Description);
    }

    [Fact]
    public async Task CreateIngress_PortNameAndNumber_CannotSetBoth()
    {
        var backend = ServiceByNumber("web", 80);
        backend.Service.Port.Name = "http";

        var e = await Rejected(OnePath("/", PathType.Prefix, backend));

        Assert.Equal("Invalid value: \"\": cannot set both port name & port number",
            e.Violation("spec.rules[0].http.paths[0].backend").Description);
    }

    [Fact]
    public async Task CreateIngress_NoPort_PortNameOrNumberRequired()
    {
        var backend = new IngressBackend { Service = new IngressServiceBackend { Name = "web" } };

        var e = await Rejected(OnePath("/", PathType.Prefix, backend));

        Assert.Equal("Required value: port name or number is required", e.Violation("spec.rules[0].http.paths[0].backend").Description);
    }

    [Fact]
    public async Task CreateIngress_UnspecifiedPathType_PathTypeRequired()
    {
        var e = await Rejected(OnePath("/", PathType.Unspecified, ServiceByNumber("web", 80)));

        Assert.Equal("Required value: pathType must be specified", e.Violation("spec.rules[0].http.paths[0].pathType").Description);
    }

    [Fact]
    public async Task CreateIngress_IpAddressHost_MustBeDnsName()
    {
        var e = await Rejected(OnePath("/", PathType.Prefix, ServiceByNumber("web", 80), host: "192.0.2.1"));

        Assert.Equal("Invalid value: \"192.0.2.1\": must be a DNS name, not an IP address", e.Violation("spec.rules[0].host").Description);
    }

    [Fact]
    public async Task CreateIngress_WildcardNotLeftmost_InvalidWildcardHost()
    {
        var e = await Rejected(OnePath("/", PathType.Prefix, ServiceByNumber("web", 80), host: "foo.*.example.com"));

        Assert.StartsWith("Invalid value: \"foo.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.'",
            e.Violation("spec.rules[0].host").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIngress_NoRulesNoDefaultBackend_ViolationAtSpec()
    {
        var e = await Rejected(Named("bad"));

        Assert.EndsWith("either `defaultBackend` or `rules` must be specified", e.Violation("spec").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIngress_ServiceAndResourceBackend_CannotSetBoth()
    {
        var ingress = Named("bad");
        ingress.Spec.DefaultBackend = ServiceByNumber("web", 80);
        ingress.Spec.DefaultBackend.Resource = Resource("k8s.example.com", "Bucket", "b").Resource;

        var e = await Rejected(ingress);

        Assert.Equal("Invalid value: \"\": cannot set both resource and service backends", e.Violation("spec.defaultBackend").Description);
    }

    [Fact]
    public async Task CreateIngress_ResourceBackendWithoutKind_KindRequired()
    {
        var ingress = Named("bad");
        ingress.Spec.DefaultBackend = Resource("k8s.example.com", "", "b");

        var e = await Rejected(ingress);

        Assert.Equal("Required value: kind is required", e.Violation("spec.defaultBackend.resource.kind").Description);
    }

    [Fact]
    public async Task CreateIngress_InvalidTlsSecretAndClassName_OneViolationEach()
    {
        var ingress = Simple("bad");
        ingress.Spec.Tls.Add(Tls("Bad_Secret", "ok.example.com", "Bad_Host"));
        ingress.Spec.IngressClassName = "Bad_Class";

        var e = await Rejected(ingress);

        Assert.StartsWith("Invalid value: \"Bad_Host\": a lowercase RFC 1123 subdomain", e.Violation("spec.tls[0].hosts[1]").Description,
            StringComparison.Ordinal);
        Assert.StartsWith("Invalid value: \"Bad_Secret\": a lowercase RFC 1123 subdomain", e.Violation("spec.tls[0].secretName").Description,
            StringComparison.Ordinal);
        Assert.StartsWith("Invalid value: \"Bad_Class\": a lowercase RFC 1123 subdomain", e.Violation("spec.ingressClassName").Description,
            StringComparison.Ordinal);
        Assert.Equal(3, e.Detail<Google.Rpc.BadRequest>()!.FieldViolations.Count);
    }

    [Fact]
    public async Task CreateIngress_SeveralInvalidPaths_ViolationPerCauseInKubernetesOrder()
    {
        var ingress = Named("bad");
        ingress.Spec.Rules.Add(Rule("a.example.com", Path("x", PathType.Prefix, ServiceByNumber("web", 80)),
            Path("/ok", PathType.Exact, ServiceByNumber("web", 70000))));

        var e = await Rejected(ingress);

        var fields = e.Detail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field);
        Assert.Equal(["spec.rules[0].http.paths[0].path", "spec.rules[0].http.paths[1].backend.service.port.number"], fields);
        Assert.All(e.Detail<Google.Rpc.BadRequest>()!.FieldViolations, v => Assert.Equal("FieldValueInvalid", v.Reason));
    }

    [Fact]
    public async Task CreateIngress_UnknownPathTypeValue_InvalidArgumentBeforeKubernetes()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.CreateIngressAsync(
            new CreateIngressRequest { Ingress = OnePath("/", (PathType)42, ServiceByNumber("web", 80)) }));

        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.NotEmpty(e.Violation("ingress.spec.rules[0].http.paths[0].path_type").Description);
    }

    [Fact]
    public async Task CreateIngress_NoNamespace_InvalidArgumentBeforeKubernetes()
    {
        var ingress = Simple("web", ns: "");

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }));

        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.Equal("is required", e.Violation("ingress.metadata.namespace").Description);
    }

    [Fact]
    public async Task UpdateIngress_PathMadeRelative_ViolationAtKubernetesPath()
    {
        var created = await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = Simple("web") }).Bounded();
        var changed = created.Clone();
        changed.Spec.Rules[0].Http.Paths[0].Path = "relative";

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.UpdateIngressAsync(new UpdateIngressRequest { Ingress = changed }));

        Assert.Equal("INVALID", e.Info().Reason);
        Assert.Equal("Invalid value: \"relative\": must be an absolute path", e.Violation("spec.rules[0].http.paths[0].path").Description);
    }
}
