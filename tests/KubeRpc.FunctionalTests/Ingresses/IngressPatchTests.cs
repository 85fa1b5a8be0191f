using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>PatchIngress with each patch type; Ingress lists have no merge key, so a strategic merge replaces them whole.</summary>
public sealed class IngressPatchTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Two host rules and one TLS entry, to see which lists a patch replaces.</summary>
    private async Task<Ingress> CreateTwoRules(string name)
    {
        var ingress = Named(name, labels: new Dictionary<string, string> { ["app"] = name });
        ingress.Spec.Rules.Add(Rule("a.example.com", Path("/", PathType.Prefix, ServiceByNumber("a", 80))));
        ingress.Spec.Rules.Add(Rule("b.example.com", Path("/", PathType.Prefix, ServiceByNumber("b", 80))));
        ingress.Spec.Tls.Add(Tls("ab-tls", "a.example.com", "b.example.com"));
        return await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = ingress }).Bounded();
    }

    private Task<Ingress> Patch(string name, PatchType type, string patch, string fieldManager = "") =>
        _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = name,
            PatchType = type,
            Patch = patch,
            FieldManager = fieldManager,
        }).Bounded();

    [Fact]
    public async Task PatchIngress_JsonPatch_OperationsApplied()
    {
        var created = await CreateTwoRules("web");

        var patched = await Patch("web", PatchType.JsonPatch, """
            [{"op":"test","path":"/spec/rules/0/host","value":"a.example.com"},
             {"op":"replace","path":"/spec/rules/0/host","value":"c.example.com"},
             {"op":"remove","path":"/spec/rules/1"},
             {"op":"add","path":"/metadata/labels/patched","value":"json"}]
            """);

        Assert.Equal(["c.example.com"], patched.Spec.Rules.Select(r => r.Host));
        Assert.Equal("json", patched.Metadata.Labels["patched"]);
        Assert.Equal(2, patched.Metadata.Generation);
        Assert.Equal(created.Spec.Tls, patched.Spec.Tls);
        var stored = await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("web", Namespace).DefaultTimeout();
        IngressAssert.SameAs(stored, patched);
    }

    [Fact]
    public async Task PatchIngress_MergePatch_MapsMergedListsReplacedNullsRemove()
    {
        await CreateTwoRules("web");

        var patched = await Patch("web", PatchType.MergePatch, """
            {"metadata":{"labels":{"tier":"edge"}},
             "spec":{"tls":null,"defaultBackend":{"service":{"name":"fallback","port":{"name":"http"}}},
                     "rules":[{"host":"only.example.com","http":{"paths":[{"path":"/x","pathType":"Exact","backend":{"service":{"name":"x","port":{"number":81}}}}]}}]}}
            """);

        Assert.Equal("web", patched.Metadata.Labels["app"]);
        Assert.Equal("edge", patched.Metadata.Labels["tier"]);
        Assert.Empty(patched.Spec.Tls);
        Assert.Equal(ServiceByName("fallback", "http"), patched.Spec.DefaultBackend);
        var rule = Assert.Single(patched.Spec.Rules);
        Assert.Equal(Rule("only.example.com", Path("/x", PathType.Exact, ServiceByNumber("x", 81))), rule);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task PatchIngress_StrategicMergeRules_ListReplacedAtomically()
    {
        var created = await CreateTwoRules("web");

        var patched = await Patch("web", PatchType.StrategicMergePatch, """
            {"metadata":{"labels":{"strategic":"yes"}},
             "spec":{"rules":[{"host":"b.example.com","http":{"paths":[{"path":"/b2","pathType":"Prefix","backend":{"service":{"name":"b2","port":{"number":80}}}}]}}]}}
            """);

        // No patchMergeKey on Ingress lists: the patch's rules are the rules, not merged into them by host.
        var rule = Assert.Single(patched.Spec.Rules);
        Assert.Equal("b.example.com", rule.Host);
        Assert.Equal(["/b2"], rule.Http.Paths.Select(p => p.Path));
        Assert.Equal(created.Spec.Tls, patched.Spec.Tls);
        Assert.Equal("web", patched.Metadata.Labels["app"]);
        Assert.Equal("yes", patched.Metadata.Labels["strategic"]);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task PatchIngress_ApplyPatch_CreatesAndRecordsApplyManager()
    {
        var applied = await Patch("applied", PatchType.ApplyPatch, """
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"applied","namespace":"default"},
             "spec":{"ingressClassName":"nginx","rules":[{"host":"apply.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """, fieldManager: "ci");

        Assert.Equal(1, applied.Metadata.Generation);
        Assert.Equal("nginx", applied.Spec.IngressClassName);
        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal(("ci", "Apply"), (entry.Manager, entry.Operation));
        Assert.Equal("apply.example.com", (await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("applied", Namespace).DefaultTimeout()).Spec.Rules[0].Host);
    }

    [Fact]
    public async Task PatchIngress_ResultInvalid_InvalidArgumentWithKubernetesPath()
    {
        await CreateTwoRules("web");

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            PatchType = PatchType.JsonPatch,
            Patch = """[{"op":"replace","path":"/spec/rules/1/http/paths/0/path","value":"relative"}]""",
        }));

        Assert.Equal("INVALID", e.Info().Reason);
        Assert.Equal("Invalid value: \"relative\": must be an absolute path", e.Violation("spec.rules[1].http.paths[0].path").Description);
    }

    [Fact]
    public async Task PatchIngress_ForceOnMergePatch_InvalidArgumentFromKubernetes()
    {
        await CreateTwoRules("web");

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            PatchType = PatchType.MergePatch,
            Patch = "{}",
            Force = true,
        }));

        Assert.Equal("Forbidden: may not be specified for non-apply patch", e.Violation("force").Description);
    }

    [Theory]
    [InlineData(PatchType.JsonPatch, "{}", "must be a JSON array of RFC 6902 operations, got a JSON object")]
    [InlineData(PatchType.MergePatch, "[]", "must be a JSON object, got a JSON array")]
    [InlineData(PatchType.StrategicMergePatch, "{not json", "is not valid JSON")]
    [InlineData(PatchType.ApplyPatch, "", "is required")]
    public async Task PatchIngress_MalformedPatch_InvalidArgumentBeforeKubernetes(PatchType type, string patch, string expected)
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            PatchType = type,
            Patch = patch,
        }));

        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.StartsWith(expected, e.Violation("patch").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchIngress_UnspecifiedPatchType_InvalidArgument()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.PatchIngressAsync(new PatchIngressRequest
        {
            Namespace = Namespace,
            Name = "web",
            Patch = "{}",
        }));

        Assert.NotEmpty(e.Violation("patch_type").Description);
    }

    [Fact]
    public async Task PatchIngress_Missing_NotFoundWithResourceInfo()
    {
        var e = await IngressCalls.FailsWith(StatusCode.NotFound,
            () => _host.Ingresses.PatchIngressAsync(new PatchIngressRequest { Namespace = Namespace, Name = "ghost", PatchType = PatchType.MergePatch, Patch = "{}" }));

        Assert.Equal("default/ghost", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
        Assert.Equal("ingresses.networking.k8s.io \"ghost\" not found", e.Status.Detail);
    }
}
