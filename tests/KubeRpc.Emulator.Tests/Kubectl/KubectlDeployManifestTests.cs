using System.Text.Json;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// The repository's deploy/base, deploy/overlays/tls and deploy/examples applied with <c>kubectl apply -k</c>, and what
/// the cluster stored read back with <c>kubectl get -o json</c>: the RBAC, the pod's security settings and environment,
/// the PodDisruptionBudget, the NetworkPolicy, both Services, and the overlay's TLS Secret volume and settings.
/// </summary>
public class KubectlDeployManifestTests
{
    private static string Deploy(string relative) => Path.GetFullPath(TestSources.PathOf("../../deploy/" + relative));

    [RequiresToolFact("kubectl")]
    public async Task ApplyBase_ReadBack_ClusterRoleGrantsExactlyWhatKubeRpcUses()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await ApplyAsync(kubectl, "-k", Deploy("base"));

        var role = await GetAsync(kubectl, "clusterrole", "kuberpc");
        var binding = await GetAsync(kubectl, "clusterrolebinding", "kuberpc");

        // No write verbs: writes go out as the caller (impersonated), so the API server checks the caller's RBAC.
        Assert.Equal(
        [
            "[] services: get,list,watch",
            "[networking.k8s.io] ingresses: get,list,watch",
            "[discovery.k8s.io] endpointslices: list,watch",
            "[authentication.k8s.io] tokenreviews: create",
            "[authorization.k8s.io] subjectaccessreviews: create",
            "[rbac.authorization.k8s.io] roles,clusterroles,rolebindings,clusterrolebindings: list,watch",
            "[] users,groups,serviceaccounts: impersonate",
        ], role.GetProperty("rules").EnumerateArray().Select(Rule));
        Assert.Equal("ClusterRole/kuberpc", $"{binding.GetProperty("roleRef").GetProperty("kind")}/{binding.GetProperty("roleRef").GetProperty("name")}");
        Assert.Equal(["ServiceAccount kuberpc/kuberpc"], binding.GetProperty("subjects").EnumerateArray()
            .Select(s => $"{s.GetProperty("kind")} {s.GetProperty("namespace")}/{s.GetProperty("name")}"));
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyBase_ReadBack_RestrictedPodWithAuthModeKubernetesAndHttpProbes()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await ApplyAsync(kubectl, "-k", Deploy("base"));

        var ns = await GetAsync(kubectl, "namespace", "kuberpc");
        var pod = (await GetAsync(kubectl, "-n", "kuberpc", "deployment", "kuberpc")).GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = pod.GetProperty("containers")[0];

        Assert.Equal("restricted", ns.GetProperty("metadata").GetProperty("labels").GetProperty("pod-security.kubernetes.io/enforce").GetString());
        Assert.Equal("kuberpc", pod.GetProperty("serviceAccountName").GetString());
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        Assert.Equal("RuntimeDefault", pod.GetProperty("securityContext").GetProperty("seccompProfile").GetProperty("type").GetString());
        var security = container.GetProperty("securityContext");
        Assert.False(security.GetProperty("allowPrivilegeEscalation").GetBoolean());
        Assert.True(security.GetProperty("readOnlyRootFilesystem").GetBoolean());
        Assert.Equal(["ALL"], security.GetProperty("capabilities").GetProperty("drop").EnumerateArray().Select(c => c.GetString()));
        // The read-only root leaves /tmp writable only through its emptyDir.
        Assert.Equal("tmp:/tmp", Assert.Single(Mounts(container)));
        Assert.Equal("64Mi", Volume(pod, "tmp").GetProperty("emptyDir").GetProperty("sizeLimit").GetString());

        var env = Env(container);
        Assert.Equal("Kubernetes", env["Auth__Mode"]);
        Assert.Equal("InCluster", env["Kubernetes__Mode"]);
        Assert.Equal("http://0.0.0.0:50051", env["Server__GrpcUrl"]);
        Assert.Equal("http://0.0.0.0:9464", env["Server__ManagementUrl"]);
        Assert.Equal("/healthz management", HttpProbe(container, "livenessProbe"));
        Assert.Equal("/readyz management", HttpProbe(container, "readinessProbe"));
        Assert.Equal("512Mi", container.GetProperty("resources").GetProperty("limits").GetProperty("memory").GetString());
        Assert.Equal("100m", container.GetProperty("resources").GetProperty("requests").GetProperty("cpu").GetString());
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyBase_ReadBack_ServicesDisruptionBudgetAndNetworkPolicy()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await ApplyAsync(kubectl, "-k", Deploy("base"));

        var grpc = await GetAsync(kubectl, "-n", "kuberpc", "service", "kuberpc");
        var metrics = await GetAsync(kubectl, "-n", "kuberpc", "service", "kuberpc-metrics");
        var budget = await GetAsync(kubectl, "-n", "kuberpc", "poddisruptionbudget", "kuberpc");
        var policy = (await GetAsync(kubectl, "-n", "kuberpc", "networkpolicy", "kuberpc")).GetProperty("spec");

        Assert.Equal(["grpc 50051->grpc TCP kubernetes.io/h2c"], Ports(grpc));
        Assert.Equal(["metrics 9464->management TCP"], Ports(metrics));
        foreach (var service in new[] { grpc, metrics })
        {
            Assert.Equal("""{"app.kubernetes.io/name":"kuberpc"}""", Compact(service.GetProperty("spec").GetProperty("selector")));
        }
        Assert.Equal(1, budget.GetProperty("spec").GetProperty("maxUnavailable").GetInt32());
        Assert.Equal("""{"app.kubernetes.io/name":"kuberpc"}""", Compact(budget.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels")));
        Assert.Equal("""{"app.kubernetes.io/name":"kuberpc"}""", Compact(policy.GetProperty("podSelector").GetProperty("matchLabels")));
        Assert.Equal("""["Ingress"]""", Compact(policy.GetProperty("policyTypes")));
        // gRPC from every namespace; the management port (metrics) only from namespaces labelled for scraping.
        Assert.Equal(
        [
            """[{"namespaceSelector":{}}] -> [{"port":"grpc","protocol":"TCP"}]""",
            """[{"namespaceSelector":{"matchLabels":{"kuberpc.io/metrics-scraper":"true"}}}] -> [{"port":"management","protocol":"TCP"}]""",
        ], policy.GetProperty("ingress").EnumerateArray().Select(IngressRule));
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyTlsOverBase_ConfiguresDeploymentAndGrpcService_ThenUnchanged()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await ApplyAsync(kubectl, "-k", Deploy("base"));

        var overlay = await kubectl.RunAsync("apply", "-k", Deploy("overlays/tls"));
        var again = await kubectl.RunAsync("apply", "-k", Deploy("overlays/tls"));

        KubectlAssert.Success(overlay, """
            namespace/kuberpc unchanged
            serviceaccount/kuberpc unchanged
            clusterrole.rbac.authorization.k8s.io/kuberpc unchanged
            clusterrolebinding.rbac.authorization.k8s.io/kuberpc unchanged
            service/kuberpc configured
            service/kuberpc-metrics unchanged
            deployment.apps/kuberpc configured
            poddisruptionbudget.policy/kuberpc unchanged
            networkpolicy.networking.k8s.io/kuberpc unchanged
            """);
        Assert.Equal(0, again.ExitCode);
        Assert.All(again.StdoutLines, line => Assert.EndsWith(" unchanged", line, StringComparison.Ordinal));
        await AssertTlsAsync(kubectl);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyTlsServerSide_OnAnEmptyCluster_MountsTheSecretAndSetsTheTlsKeys()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var applied = await kubectl.RunAsync("apply", "--server-side", "-k", Deploy("overlays/tls"));

        Assert.True(applied.ExitCode == 0, applied.Describe());
        Assert.Equal(9, applied.StdoutLines.Count);
        Assert.All(applied.StdoutLines, line => Assert.EndsWith(" serverside-applied", line, StringComparison.Ordinal));
        await AssertTlsAsync(kubectl);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyNarrowingExample_GrpcOnlyFromLabelledNamespaces_MetricsRuleKept()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await ApplyAsync(kubectl, "-k", Deploy("examples/grpc-from-labelled-namespaces"));

        var policy = (await GetAsync(kubectl, "-n", "kuberpc", "networkpolicy", "kuberpc")).GetProperty("spec");

        Assert.Equal(
        [
            """[{"namespaceSelector":{"matchLabels":{"kuberpc.io/client":"true"}}}] -> [{"port":"grpc","protocol":"TCP"}]""",
            """[{"namespaceSelector":{"matchLabels":{"kuberpc.io/metrics-scraper":"true"}}}] -> [{"port":"management","protocol":"TCP"}]""",
        ], policy.GetProperty("ingress").EnumerateArray().Select(IngressRule));
    }

    /// <summary>The overlay's Secret volume, its files as the Server:Tls:* keys, https for gRPC, the probes unchanged.</summary>
    private static async Task AssertTlsAsync(KubectlSession kubectl)
    {
        var pod = (await GetAsync(kubectl, "-n", "kuberpc", "deployment", "kuberpc")).GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = pod.GetProperty("containers")[0];
        var grpc = await GetAsync(kubectl, "-n", "kuberpc", "service", "kuberpc");

        var secret = Volume(pod, "tls").GetProperty("secret");
        Assert.Equal("kuberpc-tls", secret.GetProperty("secretName").GetString());
        Assert.Equal(["tls.crt->tls.crt", "tls.key->tls.key", "ca.crt->ca.crt"], secret.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("key")}->{i.GetProperty("path")}"));
        Assert.Equal(["tls:/etc/kuberpc/tls:ro", "tmp:/tmp"], Mounts(container));
        var env = Env(container);
        Assert.Equal("https://0.0.0.0:50051", env["Server__GrpcUrl"]);
        Assert.Equal("/etc/kuberpc/tls/tls.crt", env["Server__Tls__CertificateFile"]);
        Assert.Equal("/etc/kuberpc/tls/tls.key", env["Server__Tls__KeyFile"]);
        Assert.Equal("/etc/kuberpc/tls/ca.crt", env["Server__Tls__ClientCaFile"]);
        Assert.Equal("Kubernetes", env["Auth__Mode"]);
        Assert.Equal("http://0.0.0.0:9464", env["Server__ManagementUrl"]);
        Assert.Equal("/readyz management", HttpProbe(container, "readinessProbe"));
        // No longer h2c: the port speaks TLS.
        Assert.Equal(["grpc 50051->grpc TCP"], Ports(grpc));
    }

    private static async Task ApplyAsync(KubectlSession kubectl, params string[] args)
    {
        var applied = await kubectl.RunAsync(["apply", .. args]);
        Assert.True(applied.ExitCode == 0 && applied.Stderr.Length == 0, applied.Describe());
    }

    private static async Task<JsonElement> GetAsync(KubectlSession kubectl, params string[] args)
    {
        var got = await kubectl.RunAsync(["get", .. args, "-o", "json"]);
        Assert.True(got.ExitCode == 0, got.Describe());
        using var document = JsonDocument.Parse(got.Stdout);
        return document.RootElement.Clone();
    }

    private static string Rule(JsonElement rule) =>
        $"[{Join(rule, "apiGroups")}] {Join(rule, "resources")}: {Join(rule, "verbs")}";

    private static string Join(JsonElement element, string property) =>
        string.Join(",", element.GetProperty(property).EnumerateArray().Select(v => v.GetString()));

    private static Dictionary<string, string?> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());

    private static IEnumerable<string> Mounts(JsonElement container) =>
        container.GetProperty("volumeMounts").EnumerateArray().Select(m =>
            $"{m.GetProperty("name")}:{m.GetProperty("mountPath")}" + (m.TryGetProperty("readOnly", out var ro) && ro.GetBoolean() ? ":ro" : ""));

    private static JsonElement Volume(JsonElement pod, string name) =>
        pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static string HttpProbe(JsonElement container, string probe)
    {
        var get = container.GetProperty(probe).GetProperty("httpGet");
        return $"{get.GetProperty("path")} {get.GetProperty("port")}";
    }

    private static IEnumerable<string> Ports(JsonElement service) =>
        service.GetProperty("spec").GetProperty("ports").EnumerateArray().Select(p =>
            $"{p.GetProperty("name")} {p.GetProperty("port")}->{p.GetProperty("targetPort")} {p.GetProperty("protocol")}"
            + (p.TryGetProperty("appProtocol", out var app) ? " " + app.GetString() : ""));

    /// <summary>kubectl indents its JSON; compare without the whitespace.</summary>
    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static string IngressRule(JsonElement rule) =>
        $"{Compact(rule.GetProperty("from"))} -> {Compact(rule.GetProperty("ports"))}";
}
