using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>SetDefaults_Service plus what allocation fills in (§9 "Service defaults").</summary>
public class ServiceDefaultsTests
{
    private static V1Service Create(Action<V1Service>? mutate = null)
    {
        var service = ServiceValidationCases.NewService();
        mutate?.Invoke(service);
        var result = new ServiceAdmissionHarness().Create(service);
        Assert.Empty(result.Errors);
        return result.Object;
    }

    [Fact]
    public void Create_PlainService_GetsClusterIPDefaults()
    {
        var spec = Create(s => s.Spec.Ports[0].TargetPort = null).Spec;

        Assert.Equal("ClusterIP", spec.Type);
        Assert.Equal("None", spec.SessionAffinity);
        Assert.Null(spec.SessionAffinityConfig);
        Assert.Equal("TCP", spec.Ports[0].Protocol);
        Assert.Equal("80", spec.Ports[0].TargetPort.Value);
        Assert.Equal("Cluster", spec.InternalTrafficPolicy);
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Null(spec.AllocateLoadBalancerNodePorts);
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal([spec.ClusterIP], spec.ClusterIPs);
        Assert.Empty(NameValidation.IsValidIPv4Address(spec.ClusterIP));
        Assert.StartsWith("10.", spec.ClusterIP, StringComparison.Ordinal);
        Assert.Null(spec.Ports[0].NodePort);
    }

    [Fact]
    public void Create_PlainService_StatusSerialisesAsEmptyLoadBalancer()
    {
        var service = Create(s => s.Status = new V1ServiceStatus { Conditions = [new V1Condition { Type = "x", Status = "True", Reason = "r", Message = "m" }] });

        Assert.Contains("\"status\":{\"loadBalancer\":{}}", KubernetesJson.Serialize(service), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ClientIPAffinity_DefaultsTimeoutToThreeHours()
    {
        var spec = Create(s => s.Spec.SessionAffinity = "ClientIP").Spec;

        Assert.Equal(10800, spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public void Create_NodePort_DefaultsExternalTrafficPolicyAndAllocatesInRange()
    {
        var spec = Create(s => s.Spec.Type = "NodePort").Spec;

        Assert.Equal("Cluster", spec.ExternalTrafficPolicy);
        Assert.Equal("Cluster", spec.InternalTrafficPolicy);
        Assert.InRange(spec.Ports[0].NodePort!.Value, 30000, 32767);
    }

    [Fact]
    public void Create_ClusterIPWithExternalIPs_DefaultsExternalTrafficPolicy()
    {
        var spec = Create(s => s.Spec.ExternalIPs = ["192.0.2.10"]).Spec;

        Assert.Equal("Cluster", spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Create_LoadBalancer_AllocatesNodePortsAndDefaultsAllocateFlag()
    {
        var spec = Create(s => s.Spec.Type = "LoadBalancer").Spec;

        Assert.True(spec.AllocateLoadBalancerNodePorts);
        Assert.NotNull(spec.Ports[0].NodePort);
        Assert.Null(spec.HealthCheckNodePort);
    }

    [Fact]
    public void Create_LoadBalancerWithoutNodePorts_AllocatesNone()
    {
        var spec = Create(s => { s.Spec.Type = "LoadBalancer"; s.Spec.AllocateLoadBalancerNodePorts = false; }).Spec;

        Assert.Null(spec.Ports[0].NodePort);
    }

    [Fact]
    public void Create_LoadBalancerLocal_AllocatesHealthCheckNodePort()
    {
        var spec = Create(s => { s.Spec.Type = "LoadBalancer"; s.Spec.ExternalTrafficPolicy = "Local"; }).Spec;

        Assert.InRange(spec.HealthCheckNodePort!.Value, 30000, 32767);
        Assert.NotEqual(spec.Ports[0].NodePort, spec.HealthCheckNodePort);
    }

    [Fact]
    public void Create_HeadlessWithoutSelector_RequiresDualStackFamilies()
    {
        var spec = Create(s => { s.Spec.ClusterIP = "None"; s.Spec.Selector = null; }).Spec;

        Assert.Equal("RequireDualStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4", "IPv6"], spec.IpFamilies);
        Assert.Equal(["None"], spec.ClusterIPs);
    }

    [Fact]
    public void Create_HeadlessWithSelector_StaysSingleStack()
    {
        var spec = Create(s => s.Spec.ClusterIP = "None").Spec;

        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal("None", spec.ClusterIP);
    }

    [Fact]
    public void Create_ExternalName_GetsNoClusterIPFamiliesOrPolicies()
    {
        var spec = Create(s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "db.example.com"; }).Spec;

        Assert.Null(spec.ClusterIP);
        Assert.Null(spec.ClusterIPs);
        Assert.Null(spec.IpFamilies);
        Assert.Null(spec.IpFamilyPolicy);
        Assert.Null(spec.InternalTrafficPolicy);
        Assert.Null(spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Create_SeededKubernetesService_KeepsFirstIP()
    {
        var service = ServiceValidationCases.NewService("kubernetes");
        service.Spec.Selector = null;
        service.Spec.ClusterIP = "10.96.0.1";
        service.Spec.Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = 6443 }];
        var harness = new ServiceAdmissionHarness();

        var result = harness.Create(service);

        Assert.Empty(result.Errors);
        Assert.Equal(["10.96.0.1"], result.Object.Spec.ClusterIPs);
        Assert.True(harness.Strategy.ClusterIps.IsAllocated("10.96.0.1"));
    }

    [Fact]
    public void Create_TwoPortsSameNumber_ShareOneAllocatedNodePort()
    {
        var spec = Create(s =>
        {
            s.Spec.Type = "NodePort";
            s.Spec.Ports = [new() { Name = "tcp", Port = 53, Protocol = "TCP" }, new() { Name = "udp", Port = 53, Protocol = "UDP" }];
        }).Spec;

        Assert.Equal(spec.Ports[0].NodePort, spec.Ports[1].NodePort);
    }

    [Fact]
    public void Strategy_Flags_MatchServiceRegistry()
    {
        var strategy = new ServiceAdmissionHarness().Strategy;

        Assert.True(strategy.AllowCreateOnUpdate);
        Assert.True(strategy.ReturnDeletedObject);
        Assert.Empty(strategy.ValidateName("web-", true));
        Assert.NotEmpty(strategy.ValidateName("1web", false));
    }
}
