using Google.Protobuf.WellKnownTypes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using static KubeRpc.UnitTests.Mapping.ProtoSamples;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// Enum numbers a proto enum does not define (proto3 enums are open) and other input that has no Kubernetes
/// form are rejected with a <see cref="MappingException"/> naming the proto field path.
/// </summary>
public sealed class UndefinedEnumTests
{
    [Theory]
    [InlineData("type", "service.spec.type")]
    [InlineData("session_affinity", "service.spec.session_affinity")]
    [InlineData("external_traffic_policy", "service.spec.external_traffic_policy")]
    [InlineData("internal_traffic_policy", "service.spec.internal_traffic_policy")]
    [InlineData("ip_families", "service.spec.ip_families[1]")]
    [InlineData("ip_family_policy", "service.spec.ip_family_policy")]
    [InlineData("port_protocol", "service.spec.ports[2].protocol")]
    [InlineData("ip_mode", "service.status.load_balancer.ingress[0].ip_mode")]
    [InlineData("port_status_protocol", "service.status.load_balancer.ingress[0].ports[0].protocol")]
    [InlineData("condition_status", "service.status.conditions[0].status")]
    public void ServiceToKubernetes_UndefinedEnum_ThrowsWithFieldPath(string field, string expectedPath)
    {
        var service = Service(ServiceType.LoadBalancer);
        service.Status = new ServiceStatus
        {
            LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "203.0.113.1", Ports = { new PortStatus { Port = 80 } } } } },
            Conditions = { new Condition { Type = "Ready", Status = ConditionStatus.True } },
        };
        var spec = service.Spec;
        switch (field)
        {
            case "type": spec.Type = (ServiceType)42; break;
            case "session_affinity": spec.SessionAffinity = (SessionAffinity)42; break;
            case "external_traffic_policy": spec.ExternalTrafficPolicy = (ExternalTrafficPolicy)42; break;
            case "internal_traffic_policy": spec.InternalTrafficPolicy = (InternalTrafficPolicy)42; break;
            case "ip_families": spec.IpFamilies[1] = (IPFamily)42; break;
            case "ip_family_policy": spec.IpFamilyPolicy = (IPFamilyPolicy)42; break;
            case "port_protocol": spec.Ports[2].Protocol = (Protocol)42; break;
            case "ip_mode": service.Status.LoadBalancer.Ingress[0].IpMode = (LoadBalancerIPMode)42; break;
            case "port_status_protocol": service.Status.LoadBalancer.Ingress[0].Ports[0].Protocol = (Protocol)42; break;
            case "condition_status": service.Status.Conditions[0].Status = (ConditionStatus)42; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }

        var error = Assert.Throws<MappingException>(() => ServiceMapping.ToKubernetes(service));

        Assert.Equal(expectedPath, error.Field);
        Assert.StartsWith("Unsupported value: 42: supported values: ", error.Detail);
        Assert.Equal($"{expectedPath}: {error.Detail}", error.Message);
    }

    [Theory]
    [InlineData("path_type", "ingress.spec.rules[1].http.paths[0].path_type")]
    [InlineData("port_status_protocol", "ingress.status.load_balancer.ingress[0].ports[1].protocol")]
    public void IngressToKubernetes_UndefinedEnum_ThrowsWithFieldPath(string field, string expectedPath)
    {
        var ingress = new Ingress
        {
            Spec = new IngressSpec
            {
                Rules =
                {
                    new IngressRule { Http = new HTTPIngressRuleValue { Paths = { Path("/", PathType.Prefix, ServiceBackend("a", 80)) } } },
                    new IngressRule { Http = new HTTPIngressRuleValue { Paths = { Path("/", PathType.Exact, ServiceBackend("b", 80)) } } },
                },
            },
            Status = new IngressStatus
            {
                LoadBalancer = new IngressLoadBalancerStatus
                {
                    Ingress = { new IngressLoadBalancerIngress { Ports = { new IngressPortStatus { Port = 80 }, new IngressPortStatus { Port = 443 } } } },
                },
            },
        };
        if (field == "path_type")
        {
            ingress.Spec.Rules[1].Http.Paths[0].PathType = (PathType)(-1);
        }
        else
        {
            ingress.Status.LoadBalancer.Ingress[0].Ports[1].Protocol = (Protocol)7;
        }

        var error = Assert.Throws<MappingException>(() => IngressMapping.ToKubernetes(ingress));

        Assert.Equal(expectedPath, error.Field);
    }

    [Fact]
    public void ToKubernetes_UndefinedServiceType_ListsTheProtoNames()
    {
        var service = new Service { Spec = new ServiceSpec { Type = (ServiceType)42 } };

        var error = Assert.Throws<MappingException>(() => ServiceMapping.ToKubernetes(service, "request.service"));

        Assert.Equal("request.service.spec.type", error.Field);
        Assert.Equal(
            "Unsupported value: 42: supported values: \"SERVICE_TYPE_UNSPECIFIED\", \"SERVICE_TYPE_CLUSTER_IP\", "
            + "\"SERVICE_TYPE_NODE_PORT\", \"SERVICE_TYPE_LOAD_BALANCER\", \"SERVICE_TYPE_EXTERNAL_NAME\"",
            error.Detail);
    }

    [Fact]
    public void ToKubernetes_FieldsV1NotJson_ThrowsWithFieldPath()
    {
        var service = Service(ServiceType.ClusterIp);
        service.Metadata.ManagedFields[1].FieldsV1 = "{\"f:spec\":";

        var error = Assert.Throws<MappingException>(() => ServiceMapping.ToKubernetes(service));

        Assert.Equal("service.metadata.managed_fields[1].fields_v1", error.Field);
    }

    [Fact]
    public void ToKubernetes_TimestampOutOfRange_ThrowsWithFieldPath()
    {
        var ingress = new Ingress { Metadata = new ObjectMeta { DeletionTimestamp = new Timestamp { Seconds = long.MaxValue } } };

        var error = Assert.Throws<MappingException>(() => IngressMapping.ToKubernetes(ingress));

        Assert.Equal("ingress.metadata.deletion_timestamp", error.Field);
    }
}
