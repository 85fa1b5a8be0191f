using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>The first end-to-end path: create, read back, and the basic errors.</summary>
public sealed class ServiceSmokeTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Service NodePort(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = { ["app"] = name } },
        Spec = new ServiceSpec
        {
            Type = ServiceType.NodePort,
            Selector = { ["app"] = name },
            Ports = { new ServicePort { Name = "http", Port = 80, TargetPort = new IntOrString { IntValue = 8080 } } },
        },
    };

    [Fact]
    public async Task CreateService_NodePort_AllocatesAndReadsBack()
    {
        var created = await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = NodePort("web") });
        Assert.NotEmpty(created.Metadata.Uid);
        Assert.InRange(created.Spec.Ports[0].NodePort, 30000, 32767);
        Assert.StartsWith("10.", created.Spec.ClusterIp, StringComparison.Ordinal);
        Assert.Equal(Protocol.Tcp, created.Spec.Ports[0].Protocol);

        var read = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "web" });
        Assert.Equal(created, read);
        var k8s = await _host.Kubernetes.CoreV1.ReadNamespacedServiceAsync("web", "default").DefaultTimeout();
        Assert.Equal(created.Spec.Ports[0].NodePort, k8s.Spec.Ports[0].NodePort);
    }

    [Fact]
    public async Task CreateService_Twice_AlreadyExistsWithResourceInfo()
    {
        await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = NodePort("web") });
        var e = await RpcErrors.FailsWith(StatusCode.AlreadyExists,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = NodePort("web") }).ResponseAsync);
        Assert.Equal("ALREADY_EXISTS", e.Info().Reason);
        Assert.Equal("default/web", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
    }

    [Fact]
    public async Task GetService_MissingName_InvalidArgumentBeforeKubernetes()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default" }).ResponseAsync);
        Assert.Equal("INVALID_REQUEST", e.Info().Reason);
        Assert.Contains(e.Detail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "name");
    }

    [Fact]
    public async Task CreateService_PortZero_InvalidArgumentWithKubernetesFieldPath()
    {
        var service = NodePort("web");
        service.Spec.Ports[0].Port = 0;
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);
        Assert.Equal("INVALID", e.Info().Reason);
        var violation = Assert.Single(e.Detail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "spec.ports[0].port");
        Assert.Equal("Invalid value: 0: must be between 1 and 65535, inclusive", violation.Description);
    }
}
