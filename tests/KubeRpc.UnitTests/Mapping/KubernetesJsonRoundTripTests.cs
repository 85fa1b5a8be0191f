using k8s;
using k8s.Models;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// Realistic API server documents (TestData) go Kubernetes JSON → proto → Kubernetes JSON unchanged, which
/// checks the mapping against real field names and values rather than against itself.
/// </summary>
public sealed class KubernetesJsonRoundTripTests
{
    [Theory]
    [InlineData("nodeport-service.json")]
    [InlineData("loadbalancer-service.json")]
    [InlineData("headless-service.json")]
    public void ServiceJson_RoundTrip_Unchanged(string file)
    {
        var json = Read(file);

        var proto = ServiceMapping.ToProto(KubernetesJson.Deserialize<V1Service>(json));
        var output = KubernetesJson.Serialize(ServiceMapping.ToKubernetes(proto));

        AssertJsonEqual(json, output);
    }

    [Fact]
    public void IngressJson_RoundTrip_Unchanged()
    {
        var json = Read("tls-ingress.json");

        var proto = IngressMapping.ToProto(KubernetesJson.Deserialize<V1Ingress>(json));
        var output = KubernetesJson.Serialize(IngressMapping.ToKubernetes(proto));

        AssertJsonEqual(json, output);
    }

    [Fact]
    public void LoadBalancerJson_ToProto_HasTheDocumentsValues()
    {
        var proto = ServiceMapping.ToProto(KubernetesJson.Deserialize<V1Service>(Read("loadbalancer-service.json")));

        Assert.Equal(ServiceType.LoadBalancer, proto.Spec.Type);
        Assert.Equal(new KubeRpc.V1.IntOrString { IntValue = 8443 }, proto.Spec.Ports[0].TargetPort);
        Assert.Equal(Protocol.Udp, proto.Spec.Ports[1].Protocol);
        Assert.True(proto.Spec.HasAllocateLoadBalancerNodePorts);
        Assert.False(proto.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(10800, proto.Spec.SessionAffinityConfig.ClientIp.TimeoutSeconds);
        Assert.Equal(LoadBalancerIPMode.Proxy, proto.Status.LoadBalancer.Ingress[1].IpMode);
        Assert.Equal("UDPNotSupported", proto.Status.LoadBalancer.Ingress[0].Ports[1].Error);
        Assert.Equal(ConditionStatus.True, proto.Status.Conditions[0].Status);
        Assert.Equal(new DateTime(2025, 2, 1, 12, 1, 7, DateTimeKind.Utc), proto.Status.Conditions[0].LastTransitionTime.ToDateTime());
        Assert.Equal("status", proto.Metadata.ManagedFields[1].Subresource);
        Assert.Equal("""{"f:status":{"f:conditions":{},"f:loadBalancer":{"f:ingress":{}}}}""",
            System.Text.Json.Nodes.JsonNode.Parse(proto.Metadata.ManagedFields[1].FieldsV1)!.ToJsonString());
    }

    [Fact]
    public void IngressJson_ToProto_HasTheDocumentsValues()
    {
        var proto = IngressMapping.ToProto(KubernetesJson.Deserialize<V1Ingress>(Read("tls-ingress.json")));

        Assert.Equal("nginx", proto.Spec.IngressClassName);
        Assert.Equal("storage.example.com", proto.Spec.DefaultBackend.Resource.ApiGroup);
        Assert.False(proto.Spec.Rules[0].Http.Paths[2].Backend.Resource.HasApiGroup);
        Assert.Equal("http", proto.Spec.Rules[0].Http.Paths[0].Backend.Service.Port.Name);
        Assert.Equal(8080, proto.Spec.Rules[0].Http.Paths[1].Backend.Service.Port.Number);
        Assert.Equal([PathType.Prefix, PathType.Exact, PathType.ImplementationSpecific], proto.Spec.Rules[0].Http.Paths.Select(p => p.PathType));
        Assert.Equal("*.tenants.example.com", proto.Spec.Rules[1].Host);
        Assert.Equal("shop-tls", proto.Spec.Tls[0].SecretName);
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mapping", "TestData", file));

    private static void AssertJsonEqual(string expected, string actual)
    {
        var differences = JsonDiff.Compare(expected, actual);
        Assert.True(differences.Count == 0, "The round trip changed the document:\n" + string.Join("\n", differences));
    }
}
