using k8s.Models;

namespace KubeRpc.Emulator.Tests.Admission;

public class ServiceStatusTests
{
    private static ServiceAdmissionHarness WithLoadBalancer()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "LoadBalancer";
        Assert.Empty(harness.Create(service).Errors);
        return harness;
    }

    [Fact]
    public void UpdateStatus_SpecAndLabels_KeptFromStoredObject()
    {
        var harness = WithLoadBalancer();

        var result = harness.UpdateStatus("web", s =>
        {
            s.Spec.Ports[0].Port = 81;
            s.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
            s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Ip = "192.0.2.1" }];
        });

        Assert.Empty(result.Errors);
        Assert.Equal(80, result.Object.Spec.Ports[0].Port);
        Assert.Null(result.Object.Metadata.Labels);
        Assert.Equal("192.0.2.1", result.Object.Status.LoadBalancer.Ingress[0].Ip);
        Assert.Equal("VIP", result.Object.Status.LoadBalancer.Ingress[0].IpMode);
    }

    [Fact]
    public void Update_UserStatus_IgnoredInFavourOfStored()
    {
        var harness = WithLoadBalancer();
        Assert.Empty(harness.UpdateStatus("web", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "lb.example.com" }]).Errors);

        var result = harness.Update("web", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "evil.example.com" }]);

        Assert.Empty(result.Errors);
        Assert.Equal("lb.example.com", result.Object.Status.LoadBalancer.Ingress[0].Hostname);
    }

    [Fact]
    public void Update_LoadBalancerToClusterIP_ClearsLoadBalancerStatus()
    {
        var harness = WithLoadBalancer();
        Assert.Empty(harness.UpdateStatus("web", s => s.Status.LoadBalancer.Ingress = [new V1LoadBalancerIngress { Hostname = "lb.example.com" }]).Errors);

        var result = harness.Update("web", s => s.Spec.Type = "ClusterIP");

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Status.LoadBalancer.Ingress);
        Assert.Null(result.Object.Spec.AllocateLoadBalancerNodePorts);
        Assert.Null(result.Object.Spec.Ports[0].NodePort);
    }
}
