using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using static KubeRpc.UnitTests.Mapping.ProtoSamples;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>proto → Kubernetes → proto for Services of every shape, and the Kubernetes values on the way.</summary>
public sealed class ServiceMappingTests
{
    [Theory]
    [InlineData(ServiceType.Unspecified, null)]
    [InlineData(ServiceType.ClusterIp, "ClusterIP")]
    [InlineData(ServiceType.NodePort, "NodePort")]
    [InlineData(ServiceType.LoadBalancer, "LoadBalancer")]
    public void RoundTrip_EachServiceType_Equal(ServiceType type, string? kubernetesType)
    {
        var service = Service(type);
        if (type is ServiceType.NodePort or ServiceType.LoadBalancer)
        {
            service.Spec.Ports[0].NodePort = 30080;
            service.Spec.ExternalTrafficPolicy = ExternalTrafficPolicy.Cluster;
        }

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal(kubernetesType, kubernetes.Spec.Type);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void ToKubernetes_Service_SetsApiVersionKindAndPortValues()
    {
        var kubernetes = ServiceMapping.ToKubernetes(Service(ServiceType.ClusterIp));

        Assert.Equal(("v1", "Service"), (kubernetes.ApiVersion, kubernetes.Kind));
        Assert.Equal(["http", "dns", "sig"], kubernetes.Spec.Ports.Select(p => p.Name));
        Assert.Equal(["TCP", "UDP", "SCTP"], kubernetes.Spec.Ports.Select(p => p.Protocol));
        Assert.Equal(["http", "5353", null], kubernetes.Spec.Ports.Select(p => p.TargetPort?.Value));
        Assert.Equal(["IPv4", "IPv6"], kubernetes.Spec.IpFamilies);
        Assert.Equal("PreferDualStack", kubernetes.Spec.IpFamilyPolicy);
        Assert.Equal("shop", kubernetes.Metadata.NamespaceProperty);
        Assert.Equal(0, kubernetes.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public void RoundTrip_Headless_KeepsNone()
    {
        var service = Service(ServiceType.ClusterIp);
        service.Spec.ClusterIp = "None";
        service.Spec.ClusterIps.Clear();
        service.Spec.ClusterIps.Add("None");
        service.Spec.PublishNotReadyAddresses = true;

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal("None", kubernetes.Spec.ClusterIP);
        Assert.True(kubernetes.Spec.PublishNotReadyAddresses);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_ExternalName_Equal()
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
            Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = "db.example.com" },
        };

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal(("ExternalName", "db.example.com"), (kubernetes.Spec.Type, kubernetes.Spec.ExternalName));
        Assert.Null(kubernetes.Spec.ClusterIP);
        Assert.Null(kubernetes.Spec.Ports);
        Assert.Null(kubernetes.Status);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_SessionAffinityWithTimeout_Equal()
    {
        var service = Service(ServiceType.ClusterIp);
        service.Spec.SessionAffinity = SessionAffinity.ClientIp;
        service.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIp = new ClientIPConfig { TimeoutSeconds = 600 } };

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal("ClientIP", kubernetes.Spec.SessionAffinity);
        Assert.Equal(600, kubernetes.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_LoadBalancerWithStatus_Equal()
    {
        var service = Service(ServiceType.LoadBalancer);
        service.Spec.Ports[0].NodePort = 31080;
        service.Spec.ExternalTrafficPolicy = ExternalTrafficPolicy.Local;
        service.Spec.InternalTrafficPolicy = InternalTrafficPolicy.Local;
        service.Spec.HealthCheckNodePort = 32000;
        service.Spec.AllocateLoadBalancerNodePorts = false;
        service.Spec.LoadBalancerClass = "example.com/lb";
        service.Spec.LoadBalancerIp = "203.0.113.10";
        service.Spec.LoadBalancerSourceRanges.Add("198.51.100.0/24");
        service.Spec.ExternalIps.Add("192.0.2.7");
        service.Spec.TrafficDistribution = "PreferClose";
        service.Status = new ServiceStatus
        {
            LoadBalancer = new LoadBalancerStatus
            {
                Ingress =
                {
                    new LoadBalancerIngress
                    {
                        Ip = "203.0.113.10", IpMode = LoadBalancerIPMode.Proxy,
                        Ports = { new PortStatus { Port = 80, Protocol = Protocol.Tcp }, new PortStatus { Port = 53, Protocol = Protocol.Udp, Error = "PortNotAllocated" } },
                    },
                    new LoadBalancerIngress { Hostname = "lb.example.com", IpMode = LoadBalancerIPMode.Vip },
                },
            },
            Conditions =
            {
                new Condition
                {
                    Type = "LoadBalancerReady", Status = ConditionStatus.False, ObservedGeneration = 3,
                    LastTransitionTime = Created, Reason = "Provisioning", Message = "waiting for the cloud",
                },
                new Condition { Type = "Other", Status = ConditionStatus.Unknown, LastTransitionTime = Created },
            },
        };

        var kubernetes = ServiceMapping.ToKubernetes(service);

        // allocate_load_balancer_node_ports false is a value, not an absent field.
        Assert.False(kubernetes.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal("Proxy", kubernetes.Status.LoadBalancer.Ingress[0].IpMode);
        Assert.Equal("PortNotAllocated", kubernetes.Status.LoadBalancer.Ingress[0].Ports[1].Error);
        Assert.Null(kubernetes.Status.LoadBalancer.Ingress[0].Ports[0].Error);
        Assert.Equal(("False", 3L), (kubernetes.Status.Conditions[0].Status, kubernetes.Status.Conditions[0].ObservedGeneration.GetValueOrDefault()));
        Assert.Equal(DateTimeKind.Utc, kubernetes.Status.Conditions[0].LastTransitionTime.Kind);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void RoundTrip_PresentButEmptyOptionals_KeepPresence()
    {
        var service = new Service
        {
            Spec = new ServiceSpec
            {
                LoadBalancerClass = "",
                TrafficDistribution = "",
                SessionAffinityConfig = new SessionAffinityConfig { ClientIp = new ClientIPConfig() },
                Ports = { new ServicePort { Port = 80, AppProtocol = "", TargetPort = Named("") } },
            },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus() },
        };

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal("", kubernetes.Spec.LoadBalancerClass);
        Assert.Null(kubernetes.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
        Assert.Null(kubernetes.Metadata);
        Assert.Equal(service, ServiceMapping.ToProto(kubernetes));
    }

    [Fact]
    public void ToKubernetes_DefaultValues_AreAbsentFields()
    {
        var kubernetes = ServiceMapping.ToKubernetes(new Service
        {
            Metadata = new ObjectMeta(),
            Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80, TargetPort = new IntOrString() } } },
        });

        Assert.Null(kubernetes.Metadata.Name);
        Assert.Null(kubernetes.Metadata.Generation);
        Assert.Null(kubernetes.Metadata.Labels);
        Assert.Null(kubernetes.Metadata.CreationTimestamp);
        Assert.Null(kubernetes.Spec.Type);
        Assert.Null(kubernetes.Spec.ClusterIP);
        Assert.Null(kubernetes.Spec.Selector);
        Assert.Null(kubernetes.Spec.IpFamilies);
        Assert.Null(kubernetes.Spec.AllocateLoadBalancerNodePorts);
        Assert.Null(kubernetes.Spec.PublishNotReadyAddresses);
        Assert.Null(kubernetes.Spec.HealthCheckNodePort);
        Assert.Null(kubernetes.Spec.Ports[0].NodePort);
        Assert.Null(kubernetes.Spec.Ports[0].Protocol);
        Assert.Null(kubernetes.Spec.Ports[0].TargetPort);
    }
}
