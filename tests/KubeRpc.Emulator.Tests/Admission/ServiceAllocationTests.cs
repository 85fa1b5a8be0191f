using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>Allocation follows committed objects: reserve on commit, release on delete or type change, reuse after.</summary>
public class ServiceAllocationTests
{
    [Fact]
    public void Create_Committed_ReservesClusterIPAndNodePort()
    {
        var harness = new ServiceAdmissionHarness();

        var result = harness.Create(ServiceValidationCases.WithNodePort("web", 30080));

        Assert.Empty(result.Errors);
        Assert.True(harness.Strategy.ClusterIps.IsAllocated(result.Object.Spec.ClusterIP));
        Assert.True(harness.Strategy.NodePorts.IsAllocated(30080));
    }

    [Fact]
    public void Create_ManyServices_GetDistinctValues()
    {
        var harness = new ServiceAdmissionHarness();
        var ips = new HashSet<string>();
        var ports = new HashSet<int>();

        for (var i = 0; i < 50; i++)
        {
            var service = ServiceValidationCases.NewService($"web{i}");
            service.Spec.Type = "NodePort";
            var result = harness.Create(service);
            Assert.Empty(result.Errors);
            Assert.True(ips.Add(result.Object.Spec.ClusterIP));
            Assert.True(ports.Add(result.Object.Spec.Ports[0].NodePort!.Value));
        }
        Assert.Equal(50, harness.Strategy.ClusterIps.Count);
        Assert.Equal(50, harness.Strategy.NodePorts.Count);
    }

    [Fact]
    public void Delete_ReleasesValues_WhichCanBeReused()
    {
        var harness = new ServiceAdmissionHarness();
        var first = ServiceValidationCases.WithNodePort("web", 30080);
        first.Spec.ClusterIP = "10.96.0.10";
        Assert.Empty(harness.Create(first).Errors);

        harness.Delete("web");

        Assert.False(harness.Strategy.ClusterIps.IsAllocated("10.96.0.10"));
        Assert.False(harness.Strategy.NodePorts.IsAllocated(30080));
        var second = ServiceValidationCases.WithNodePort("other", 30080);
        second.Spec.ClusterIP = "10.96.0.10";
        Assert.Empty(harness.Create(second).Errors);
    }

    [Fact]
    public void Create_FailingValidation_ReservesNothing()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.WithNodePort("web", 30080);
        service.Spec.ClusterIP = "10.96.0.10";
        service.Spec.Ports[0].Protocol = "HTTP";

        Assert.NotEmpty(harness.Create(service).Errors);

        Assert.Equal(0, harness.Strategy.ClusterIps.Count);
        Assert.Equal(0, harness.Strategy.NodePorts.Count);
    }

    [Fact]
    public void Create_DryRun_ReservesNothingAndAnswersDummyValues()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "NodePort";

        var result = harness.Create(service, dryRun: true);

        Assert.Empty(result.Errors);
        // kube-apiserver's dry-run allocators answer the network address and ports past 32768.
        Assert.Equal("10.96.0.0", result.Object.Spec.ClusterIP);
        Assert.Equal(32769, result.Object.Spec.Ports[0].NodePort);
        Assert.Equal(0, harness.Strategy.ClusterIps.Count);
        Assert.Equal(0, harness.Strategy.NodePorts.Count);
        Assert.Empty(harness.Stored);
    }

    [Fact]
    public void Create_DryRunWithTakenValues_SkipsWhatKubernetesSkips()
    {
        var harness = new ServiceAdmissionHarness();
        var holder = ServiceValidationCases.WithNodePort("holder", 30080);
        holder.Spec.ClusterIP = "10.96.0.10";
        Assert.Empty(harness.Create(holder).Errors);
        var clash = ServiceValidationCases.WithNodePort("web", 30080);
        clash.Spec.ClusterIP = "10.96.0.10";

        var result = harness.Create(clash, dryRun: true);

        // The IP allocator does not look for conflicts on a dry run; the port operation does.
        Assert.Equal("Invalid value: 30080: provided port is already allocated", Assert.Single(result.Errors).Body);
        clash.Spec.Ports[0].NodePort = 30081;
        Assert.Empty(harness.Create(clash, dryRun: true).Errors);
    }

    [Fact]
    public void Update_DryRunTypeChange_KeepsReservations()
    {
        var harness = new ServiceAdmissionHarness();
        Assert.Empty(harness.Create(ServiceValidationCases.WithNodePort("web", 30080)).Errors);

        var result = harness.Update("web", s => s.Spec.Type = "ClusterIP", dryRun: true);

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Spec.Ports[0].NodePort);
        Assert.True(harness.Strategy.NodePorts.IsAllocated(30080));
    }

    [Fact]
    public void Update_NodePortToClusterIP_DropsAndReleasesNodePort()
    {
        var harness = new ServiceAdmissionHarness();
        Assert.Empty(harness.Create(ServiceValidationCases.WithNodePort("web", 30080)).Errors);

        var result = harness.Update("web", s => s.Spec.Type = "ClusterIP");

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Spec.Ports[0].NodePort);
        Assert.Null(result.Object.Spec.ExternalTrafficPolicy);
        Assert.False(harness.Strategy.NodePorts.IsAllocated(30080));
    }

    [Fact]
    public void Update_ClusterIPToExternalName_DropsAndReleasesClusterIP()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.ClusterIP = "10.96.0.10";
        Assert.Empty(harness.Create(service).Errors);

        var result = harness.Update("web", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "db.example.com"; });

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Spec.ClusterIP);
        Assert.Null(result.Object.Spec.ClusterIPs);
        Assert.Null(result.Object.Spec.IpFamilies);
        Assert.Null(result.Object.Spec.IpFamilyPolicy);
        Assert.False(harness.Strategy.ClusterIps.IsAllocated("10.96.0.10"));
    }

    [Fact]
    public void Update_ExternalNameToClusterIP_AllocatesClusterIP()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "ExternalName";
        service.Spec.ExternalName = "db.example.com";
        Assert.Empty(harness.Create(service).Errors);

        var result = harness.Update("web", s => { s.Spec.Type = "ClusterIP"; s.Spec.ExternalName = null; });

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Object.Spec.ClusterIP);
        Assert.Equal("SingleStack", result.Object.Spec.IpFamilyPolicy);
        Assert.True(harness.Strategy.ClusterIps.IsAllocated(result.Object.Spec.ClusterIP));
    }

    [Fact]
    public void Update_ClusterIPToNodePort_AllocatesNodePort()
    {
        var harness = new ServiceAdmissionHarness();
        Assert.Empty(harness.Create(ServiceValidationCases.NewService()).Errors);

        var result = harness.Update("web", s => s.Spec.Type = "NodePort");

        Assert.Empty(result.Errors);
        Assert.True(harness.Strategy.NodePorts.IsAllocated(result.Object.Spec.Ports[0].NodePort!.Value));
        Assert.Equal("Cluster", result.Object.Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Update_LocalToCluster_DropsAndReleasesHealthCheckNodePort()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "LoadBalancer";
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.HealthCheckNodePort = 30100;
        Assert.Empty(harness.Create(service).Errors);

        var result = harness.Update("web", s => s.Spec.ExternalTrafficPolicy = "Cluster");

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Spec.HealthCheckNodePort);
        Assert.False(harness.Strategy.NodePorts.IsAllocated(30100));
    }

    [Fact]
    public void Update_ReappliedManifest_KeepsAllocatedValues()
    {
        var harness = new ServiceAdmissionHarness();
        var manifest = ServiceValidationCases.NewService();
        manifest.Spec.Type = "NodePort";
        var created = harness.Create(manifest).Object;

        var result = harness.Update("web", s => { s.Spec = ServiceAdmissionHarness.Copy(manifest).Spec; });

        Assert.Empty(result.Errors);
        Assert.Equal(created.Spec.ClusterIP, result.Object.Spec.ClusterIP);
        Assert.Equal(created.Spec.ClusterIPs, result.Object.Spec.ClusterIPs);
        Assert.Equal(created.Spec.Ports[0].NodePort, result.Object.Spec.Ports[0].NodePort);
    }

    [Fact]
    public void Update_ChangedNodePort_ReleasesOldAndReservesNew()
    {
        var harness = new ServiceAdmissionHarness();
        Assert.Empty(harness.Create(ServiceValidationCases.WithNodePort("web", 30080)).Errors);

        Assert.Empty(harness.Update("web", s => s.Spec.Ports[0].NodePort = 30081).Errors);

        Assert.False(harness.Strategy.NodePorts.IsAllocated(30080));
        Assert.True(harness.Strategy.NodePorts.IsAllocated(30081));
    }

    [Fact]
    public void Create_HealthCheckNodePortOutOfRange_IsBadRequest()
    {
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "LoadBalancer";
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.HealthCheckNodePort = 80;

        var error = Assert.Throws<ApiException>(() => new ServiceAdmissionHarness().Create(service));

        // kube-apiserver: 500 InternalError; the emulator never answers a client's mistake with a 5xx.
        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal("failed to allocate requested HealthCheck NodePort 80: provided port is not in the valid range. The range of valid ports is 30000-32767", error.Message);
    }

    [Fact]
    public void Update_ClusterIPChangeOfAnotherValue_DoesNotTouchAllocator()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        service.Spec.ClusterIP = "10.96.0.10";
        Assert.Empty(harness.Create(service).Errors);

        Assert.NotEmpty(harness.Update("web", s => s.Spec.ClusterIP = "10.96.0.11").Errors);

        Assert.True(harness.Strategy.ClusterIps.IsAllocated("10.96.0.10"));
        Assert.False(harness.Strategy.ClusterIps.IsAllocated("10.96.0.11"));
    }

    [Fact]
    public void Update_TypeChange_LeavesStoredOldObjectUntouched()
    {
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.WithNodePort("web", 30080, "LoadBalancer");
        service.Spec.ExternalTrafficPolicy = "Local";
        Assert.Empty(harness.Create(service).Errors);
        var before = k8s.KubernetesJson.Serialize(harness.Stored["default/web"]);

        var result = harness.Update("web", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "db.example.com"; }, dryRun: true);

        Assert.Empty(result.Errors);
        Assert.Equal(before, k8s.KubernetesJson.Serialize(harness.Stored["default/web"]));
    }
}
