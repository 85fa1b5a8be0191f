using System.Text;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>
/// Bodies captured from the real kubectl 1.32 (see capture_fixtures.py): each must decode to what the same
/// command prints with <c>--dry-run=client -o json</c>, i.e. the JSON kubectl sent before client-go 1.32.
/// </summary>
public class KubectlFixtureTests
{
    [Theory]
    [InlineData("namespace")]
    [InlineData("service-clusterip")]
    [InlineData("service-nodeport")]
    [InlineData("service-loadbalancer")]
    [InlineData("service-externalname")]
    [InlineData("ingress")]
    [InlineData("secret-generic")]
    [InlineData("secret-tls")]
    [InlineData("configmap")]
    [InlineData("deployment")]
    [InlineData("deployment-command")]
    [InlineData("pdb-min-available")]
    [InlineData("pdb-max-unavailable")]
    public void Decode_KubectlBody_EqualsKubectlJsonIncludingMemberOrder(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Fixture(name + ".json")))!;

        var decoded = KubeProtobufDecoder.Decode(File.ReadAllBytes(Fixture(name + ".bin")));

        Assert.Equal(expected.ToJsonString(), decoded.ToJsonString());
    }

    [Fact]
    public void Decode_CreateNamespace_KeepsEmptySpecStatusAndNullCreationTimestamp()
    {
        var ns = Decode("namespace");

        Assert.Equal("Namespace", (string?)ns["kind"]);
        Assert.Equal("v1", (string?)ns["apiVersion"]);
        var metadata = ns["metadata"]!.AsObject();
        Assert.Equal("x", (string?)metadata["name"]);
        Assert.True(metadata.ContainsKey("creationTimestamp"));
        Assert.Null(metadata["creationTimestamp"]);
        Assert.Equal(2, metadata.Count);
        Assert.Empty(ns["spec"]!.AsObject());
        Assert.Empty(ns["status"]!.AsObject());
    }

    [Fact]
    public void Decode_CreateServiceClusterIp_MapsPortsSelectorAndOmitsEmptyStrings()
    {
        var svc = Decode("service-clusterip");

        Assert.Equal("web", (string?)svc["metadata"]!["labels"]!["app"]);
        var spec = svc["spec"]!.AsObject();
        var port = spec["ports"]![0]!;
        Assert.Equal("80-8080", (string?)port["name"]);
        Assert.Equal("TCP", (string?)port["protocol"]);
        Assert.Equal(80, (int)port["port"]!);
        Assert.Equal(8080, (int)port["targetPort"]!);
        Assert.False(port.AsObject().ContainsKey("nodePort"));
        Assert.Equal("web", (string?)spec["selector"]!["app"]);
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        // kubectl sends clusterIP "" and sessionAffinity "" on the wire; Go's omitempty drops them from JSON.
        Assert.False(spec.ContainsKey("clusterIP"));
        Assert.False(spec.ContainsKey("sessionAffinity"));
        Assert.Empty(svc["status"]!["loadBalancer"]!.AsObject());
    }

    [Fact]
    public void Decode_CreateServiceNodePort_CarriesNodePort()
    {
        var spec = Decode("service-nodeport")["spec"]!;

        Assert.Equal("NodePort", (string?)spec["type"]);
        Assert.Equal(30080, (int)spec["ports"]![0]!["nodePort"]!);
        Assert.Equal(8080, (int)spec["ports"]![0]!["targetPort"]!);
    }

    [Fact]
    public void Decode_CreateServiceLoadBalancerWithNamedTarget_WritesTargetPortAsString()
    {
        var spec = Decode("service-loadbalancer")["spec"]!;

        Assert.Equal("LoadBalancer", (string?)spec["type"]);
        Assert.Equal("443-https", (string?)spec["ports"]![0]!["name"]);
        Assert.Equal(443, (int)spec["ports"]![0]!["port"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, spec["ports"]![0]!["targetPort"]!.GetValueKind());
        Assert.Equal("https", (string?)spec["ports"]![0]!["targetPort"]);
    }

    [Fact]
    public void Decode_CreateServiceExternalName_HasNoPorts()
    {
        var spec = Decode("service-externalname")["spec"]!.AsObject();

        Assert.Equal("ExternalName", (string?)spec["type"]);
        Assert.Equal("example.com", (string?)spec["externalName"]);
        Assert.False(spec.ContainsKey("ports"));
        Assert.Equal("ext", (string?)spec["selector"]!["app"]);
    }

    [Fact]
    public void Decode_CreateIngress_MapsClassTlsAndRule()
    {
        var ing = Decode("ingress");

        Assert.Equal("networking.k8s.io/v1", (string?)ing["apiVersion"]);
        Assert.Equal("Ingress", (string?)ing["kind"]);
        var spec = ing["spec"]!;
        Assert.Equal("nginx", (string?)spec["ingressClassName"]);
        Assert.Equal("foo.com", (string?)spec["tls"]![0]!["hosts"]![0]);
        Assert.Equal("my-cert", (string?)spec["tls"]![0]!["secretName"]);
        var rule = spec["rules"]![0]!;
        Assert.Equal("foo.com", (string?)rule["host"]);
        var path = rule["http"]!["paths"]![0]!;
        Assert.Equal("/bar", (string?)path["path"]);
        Assert.Equal("Prefix", (string?)path["pathType"]);
        Assert.Equal("svc1", (string?)path["backend"]!["service"]!["name"]);
        Assert.Equal(8080, (int)path["backend"]!["service"]!["port"]!["number"]!);
        Assert.False(path["backend"]!["service"]!["port"]!.AsObject().ContainsKey("name"));
        Assert.Empty(ing["status"]!["loadBalancer"]!.AsObject());
    }

    [Fact]
    public void Decode_CreateSecretGeneric_Base64DataAndNoEmptyType()
    {
        var secret = Decode("secret-generic");

        Assert.Equal("s", (string?)secret["metadata"]!["name"]);
        Assert.Equal("Yg==", (string?)secret["data"]!["a"]);
        Assert.False(secret.ContainsKey("type"));
        Assert.False(secret.ContainsKey("stringData"));
        Assert.False(secret.ContainsKey("immutable"));
    }

    [Fact]
    public void Decode_CreateSecretTls_DataHoldsThePemFiles()
    {
        var secret = Decode("secret-tls");

        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal(File.ReadAllText(Fixture("secret-tls.crt")), FromBase64(secret["data"]!["tls.crt"]));
        Assert.Equal(File.ReadAllText(Fixture("secret-tls.key")), FromBase64(secret["data"]!["tls.key"]));
    }

    private static JsonObject Decode(string name) => KubeProtobufDecoder.Decode(File.ReadAllBytes(Fixture(name + ".bin")));

    private static string FromBase64(JsonNode? node) => Encoding.UTF8.GetString(Convert.FromBase64String((string)node!));

    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Protobuf", "Fixtures", file);
}
