using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>Ingresses encoded with the generated messages, decoded to Go-shaped JSON.</summary>
public class IngressRoundTripTests
{
    [Fact]
    public void Decode_ResourceBackendWithoutApiGroup_WritesApiGroupNull()
    {
        var spec = new IngressSpec
        {
            DefaultBackend = new IngressBackend { Resource = new TypedLocalObjectReference { Kind = "StorageBucket", Name = "static" } },
        };

        var backend = DecodeSpec(spec)["defaultBackend"]!;

        Assert.Equal("""{"resource":{"apiGroup":null,"kind":"StorageBucket","name":"static"}}""", backend.ToJsonString());
    }

    [Fact]
    public void Decode_ResourceBackendWithApiGroup_KeepsIt()
    {
        var spec = new IngressSpec
        {
            DefaultBackend = new IngressBackend { Resource = new TypedLocalObjectReference { ApiGroup = "k8s.example.com", Kind = "B", Name = "b" } },
        };

        Assert.Equal("k8s.example.com", (string?)DecodeSpec(spec)["defaultBackend"]!["resource"]!["apiGroup"]);
    }

    [Fact]
    public void Decode_PathWithoutPathType_WritesPathTypeNullAndBackendByPortName()
    {
        var http = new HTTPIngressRuleValue();
        http.Paths.Add(new HTTPIngressPath
        {
            Path = "/",
            Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "web", Port = new ServiceBackendPort { Name = "http" } } },
        });
        var spec = new IngressSpec { IngressClassName = "" };
        spec.Rules.Add(new IngressRule { IngressRuleValue = new IngressRuleValue { Http = http } });

        var s = DecodeSpec(spec);

        // *string ingressClassName set to "" is written; the rule's empty host is not, and http is inlined.
        Assert.Equal("", (string?)s["ingressClassName"]);
        Assert.Equal(
            """{"http":{"paths":[{"path":"/","pathType":null,"backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}""",
            s["rules"]![0]!.ToJsonString());
    }

    [Fact]
    public void Decode_HttpWithoutPaths_WritesPathsNullAndRuleWithoutValueHasNoHttp()
    {
        var spec = new IngressSpec();
        spec.Rules.Add(new IngressRule { Host = "a.com", IngressRuleValue = new IngressRuleValue { Http = new HTTPIngressRuleValue() } });
        spec.Rules.Add(new IngressRule { Host = "b.com" });

        var rules = DecodeSpec(spec)["rules"]!;

        Assert.Equal("""{"host":"a.com","http":{"paths":null}}""", rules[0]!.ToJsonString());
        Assert.Equal("""{"host":"b.com"}""", rules[1]!.ToJsonString());
    }

    [Fact]
    public void Decode_ServiceBackendWithoutPort_WritesEmptyPortObject()
    {
        var http = new HTTPIngressRuleValue();
        http.Paths.Add(new HTTPIngressPath { Path = "/", PathType = "Exact", Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "web" } } });
        var spec = new IngressSpec();
        spec.Rules.Add(new IngressRule { IngressRuleValue = new IngressRuleValue { Http = http } });

        var backend = DecodeSpec(spec)["rules"]![0]!["http"]!["paths"]![0]!["backend"]!;

        Assert.Equal("""{"service":{"name":"web","port":{}}}""", backend.ToJsonString());
    }

    [Fact]
    public void Decode_Status_WritesLoadBalancerIngressPorts()
    {
        var lb = new IngressLoadBalancerIngress { Hostname = "lb.example.com" };
        lb.Ports.Add(new IngressPortStatus { Port = 443, Protocol = "TCP", Error = "" });
        var ingress = new Ingress { Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus { Ingress = { lb } } } };

        var status = KubeProtobufDecoder.Decode(WireBody.Envelope("networking.k8s.io/v1", "Ingress", ingress))["status"]!;

        Assert.Equal("""{"loadBalancer":{"ingress":[{"hostname":"lb.example.com","ports":[{"port":443,"protocol":"TCP","error":""}]}]}}""", status.ToJsonString());
    }

    private static JsonObject DecodeSpec(IngressSpec spec) =>
        KubeProtobufDecoder.Decode(WireBody.Envelope("networking.k8s.io/v1", "Ingress", new Ingress { Spec = spec }))["spec"]!.AsObject();
}
