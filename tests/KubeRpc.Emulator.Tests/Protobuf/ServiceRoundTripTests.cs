using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>Services encoded with the generated messages: presence, omission and JSON names as Go writes them.</summary>
public class ServiceRoundTripTests
{
    [Fact]
    public void Decode_PointerFieldsSetToZeroValues_AreWrittenWhileOmitemptyZerosAreNot()
    {
        var spec = new ServiceSpec
        {
            ClusterIp = "", HealthCheckNodePort = 0, PublishNotReadyAddresses = false,
            IpFamilyPolicy = "", AllocateLoadBalancerNodePorts = false, LoadBalancerClass = "",
            InternalTrafficPolicy = "", TrafficDistribution = "",
            SessionAffinityConfig = new SessionAffinityConfig { ClientIp = new ClientIPConfig { TimeoutSeconds = 0 } },
        };
        spec.Ports.Add(new ServicePort { Port = 0, AppProtocol = "" });

        var s = DecodeSpec(spec);

        Assert.Equal(
            ["ports", "sessionAffinityConfig", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
             "internalTrafficPolicy", "trafficDistribution"],
            s.Select(p => p.Key));
        Assert.False((bool)s["allocateLoadBalancerNodePorts"]!);
        Assert.Equal(0, (int)s["sessionAffinityConfig"]!["clientIP"]!["timeoutSeconds"]!);
        // port and targetPort have no omitempty: an unset IntOrString is the int 0.
        Assert.Equal("""{"appProtocol":"","port":0,"targetPort":0}""", s["ports"]![0]!.ToJsonString());
    }

    [Fact]
    public void Decode_FullSpec_UsesKubernetesJsonNames()
    {
        var spec = new ServiceSpec
        {
            ClusterIp = "10.0.0.10", Type = "LoadBalancer", SessionAffinity = "ClientIP", LoadBalancerIp = "1.2.3.4",
            ExternalName = "", ExternalTrafficPolicy = "Local", HealthCheckNodePort = 30500, PublishNotReadyAddresses = true,
            IpFamilyPolicy = "SingleStack", Selector = { ["app"] = "web" },
            ClusterIps = { "10.0.0.10" }, ExternalIps = { "5.6.7.8" }, IpFamilies = { "IPv4" }, LoadBalancerSourceRanges = { "0.0.0.0/0" },
        };
        spec.Ports.Add(new ServicePort { Name = "http", Protocol = "TCP", Port = 80, TargetPort = new IntOrString { Type = 1, StrVal = "web" }, NodePort = 30080 });

        var s = DecodeSpec(spec);

        Assert.Equal(
            ["ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity", "loadBalancerIP",
             "loadBalancerSourceRanges", "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses",
             "ipFamilies", "ipFamilyPolicy"],
            s.Select(p => p.Key));
        Assert.Equal("10.0.0.10", (string?)s["clusterIPs"]![0]);
        Assert.Equal("5.6.7.8", (string?)s["externalIPs"]![0]);
        Assert.Equal("IPv4", (string?)s["ipFamilies"]![0]);
        Assert.Equal(30500, (int)s["healthCheckNodePort"]!);
        Assert.True((bool)s["publishNotReadyAddresses"]!);
        Assert.Equal("""{"name":"http","protocol":"TCP","port":80,"targetPort":"web","nodePort":30080}""", s["ports"]![0]!.ToJsonString());
    }

    [Fact]
    public void Decode_IntTargetPort_IsANumber()
    {
        var spec = new ServiceSpec();
        spec.Ports.Add(new ServicePort { Port = 80, TargetPort = new IntOrString { Type = 0, IntVal = 8080 } });

        var target = DecodeSpec(spec)["ports"]![0]!["targetPort"]!;

        Assert.Equal(JsonValueKind.Number, target.GetValueKind());
        Assert.Equal(8080, (int)target);
    }

    [Fact]
    public void Decode_Status_WritesLoadBalancerIngressAndConditions()
    {
        var ingress = new LoadBalancerIngress { Ip = "1.2.3.4", IpMode = "VIP" };
        ingress.Ports.Add(new PortStatus { Port = 80, Protocol = "TCP", Error = "Pending" });
        ingress.Ports.Add(new PortStatus { Port = 0, Protocol = "" });
        var status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = { ingress } } };
        status.Conditions.Add(new Condition { Type = "Ready", Status = "True", ObservedGeneration = 2, LastTransitionTime = WireBody.Time(DateTimeOffset.UnixEpoch.AddDays(1)) });
        status.Conditions.Add(new Condition { Type = "X" });

        var s = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Service", new Service { Status = status }))["status"]!;

        Assert.Equal(
            """{"ip":"1.2.3.4","ipMode":"VIP","ports":[{"port":80,"protocol":"TCP","error":"Pending"},{"port":0,"protocol":""}]}""",
            s["loadBalancer"]!["ingress"]![0]!.ToJsonString());
        Assert.Equal(
            """{"type":"Ready","status":"True","observedGeneration":2,"lastTransitionTime":"1970-01-02T00:00:00Z","reason":"","message":""}""",
            s["conditions"]![0]!.ToJsonString());
        Assert.Equal("""{"type":"X","status":"","lastTransitionTime":null,"reason":"","message":""}""", s["conditions"]![1]!.ToJsonString());
    }

    [Fact]
    public void Decode_EmptyService_StillWritesSpecStatusAndLoadBalancer()
    {
        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Service", new Service())).ToJsonString();

        Assert.Equal("""{"kind":"Service","apiVersion":"v1","metadata":{"creationTimestamp":null},"spec":{},"status":{"loadBalancer":{}}}""", json);
    }

    private static JsonObject DecodeSpec(ServiceSpec spec) =>
        KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Service", new Service { Spec = spec }))["spec"]!.AsObject();
}
