using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Errors;

/// <summary>
/// Input KubeRpc can judge without the cluster is INVALID_ARGUMENT before any Kubernetes call. The proof: a
/// 500 is armed on the cluster first; the bad request still fails with INVALID_ARGUMENT, and the 500 is still
/// pending afterwards (the next valid call gets it), so the bad request never reached Kubernetes.
/// </summary>
public sealed class RequestValidationTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Each case: a bad request and the request field its violation names.</summary>
    private static readonly Dictionary<string, (Func<ServiceManager.ServiceManagerClient, Task> Call, string Field)> Cases = new()
    {
        ["get-missing-namespace"] = (c => c.GetServiceAsync(new GetServiceRequest { Name = "web" }).ResponseAsync, "namespace"),
        ["get-missing-name"] = (c => c.GetServiceAsync(new GetServiceRequest { Namespace = "default" }).ResponseAsync, "name"),
        ["get-unknown-consistency"] = (c => c.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "default",
            Name = "web",
            ReadOptions = new ReadOptions { Consistency = (Consistency)9 },
        }).ResponseAsync, "read_options.consistency"),
        ["create-missing-service"] = (c => c.CreateServiceAsync(new CreateServiceRequest()).ResponseAsync, "service"),
        ["create-missing-name"] = (c => c.CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service { Metadata = new ObjectMeta { Namespace = "default" } },
        }).ResponseAsync, "service.metadata.name"),
        ["create-unknown-service-type"] = (c => c.CreateServiceAsync(new CreateServiceRequest { Service = WithType((ServiceType)42) }).ResponseAsync,
            "service.spec.type"),
        ["create-unknown-protocol"] = (c => c.CreateServiceAsync(new CreateServiceRequest { Service = WithProtocol((Protocol)7) }).ResponseAsync,
            "service.spec.ports[0].protocol"),
        ["update-missing-namespace"] = (c => c.UpdateServiceAsync(new UpdateServiceRequest
        {
            Service = new Service { Metadata = new ObjectMeta { Name = "web" } },
        }).ResponseAsync, "service.metadata.namespace"),
        ["update-status-unknown-ip-mode"] = (c => c.UpdateServiceStatusAsync(new UpdateServiceStatusRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
                Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = { new LoadBalancerIngress { Ip = "203.0.113.1", IpMode = (LoadBalancerIPMode)5 } } } },
            },
        }).ResponseAsync, "service.status.load_balancer.ingress[0].ip_mode"),
        ["apply-missing-name"] = (c => c.ApplyServiceAsync(new ApplyServiceRequest
        {
            Service = new Service { Metadata = new ObjectMeta { Namespace = "default" } },
            FieldManager = "ci",
        }).ResponseAsync, "service.metadata.name"),
        ["list-malformed-label-selector"] = (c => c.ListServicesAsync(new ListServicesRequest { LabelSelector = "app in (web" }).ResponseAsync,
            "label_selector"),
        ["list-malformed-field-selector"] = (c => c.ListServicesAsync(new ListServicesRequest { FieldSelector = "metadata.name" }).ResponseAsync,
            "field_selector"),
        ["list-negative-page-size"] = (c => c.ListServicesAsync(new ListServicesRequest { PageSize = -5 }).ResponseAsync, "page_size"),
        ["list-foreign-page-token"] = (c => c.ListServicesAsync(new ListServicesRequest { PageToken = "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ" }).ResponseAsync,
            "page_token"),
        ["patch-not-json"] = (c => c.PatchServiceAsync(Patch(PatchType.MergePatch, "{labels: x}")).ResponseAsync, "patch"),
        ["patch-json-patch-not-array"] = (c => c.PatchServiceAsync(Patch(PatchType.JsonPatch, """{"op":"add"}""")).ResponseAsync, "patch"),
        ["patch-empty"] = (c => c.PatchServiceAsync(Patch(PatchType.StrategicMergePatch, "")).ResponseAsync, "patch"),
        ["patch-unspecified-type"] = (c => c.PatchServiceAsync(Patch(PatchType.Unspecified, "{}")).ResponseAsync, "patch_type"),
        ["patch-unknown-type"] = (c => c.PatchServiceAsync(Patch((PatchType)9, "{}")).ResponseAsync, "patch_type"),
        ["patch-bad-subresource"] = (c => c.PatchServiceAsync(Patch(PatchType.MergePatch, "{}", subresource: "scale")).ResponseAsync, "subresource"),
        ["delete-missing-name"] = (c => c.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default" }).ResponseAsync, "name"),
        ["delete-unknown-propagation"] = (c => c.DeleteServiceAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            PropagationPolicy = (PropagationPolicy)7,
        }).ResponseAsync, "propagation_policy"),
        ["delete-collection-malformed-selector"] = (c => c.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
        {
            Namespace = "default",
            LabelSelector = "=web",
        }).ResponseAsync, "label_selector"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    private static Service WithType(ServiceType type)
    {
        var service = ServiceTestKit.ClusterIp("web");
        service.Spec.Type = type;
        return service;
    }

    private static Service WithProtocol(Protocol protocol)
    {
        var service = ServiceTestKit.ClusterIp("web");
        service.Spec.Ports[0].Protocol = protocol;
        return service;
    }

    private static PatchServiceRequest Patch(PatchType type, string patch, string subresource = "") =>
        new() { Namespace = "default", Name = "kubernetes", PatchType = type, Patch = patch, Subresource = subresource };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadRequest_InvalidArgumentBeforeAnyKubernetesCall(string caseName)
    {
        var (call, field) = Cases[caseName];
        _host.Emulator.Faults.FailNextRequests(1, 500);

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => call(_host.Services));

        e.AssertInfo("INVALID_REQUEST");
        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Equal(field, violation.Field);
        Assert.NotEmpty(violation.Description);
        // The armed 500 was not consumed: the next call that reaches Kubernetes gets it.
        var injected = await RpcErrors.FailsWith(StatusCode.Internal,
            () => _host.Services.GetServiceAsync(new GetServiceRequest
            {
                Namespace = "default",
                Name = "kubernetes",
                ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
            }).ResponseAsync);
        injected.AssertInfo("KUBERNETES_INTERNAL_ERROR");
    }

    [Fact]
    public async Task BadRequest_SeveralProblems_OneViolationEach()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Services.ListServicesAsync(new ListServicesRequest
        {
            LabelSelector = "a in (",
            FieldSelector = "x",
            PageSize = -1,
        }).ResponseAsync);

        e.AssertInfo("INVALID_REQUEST");
        Assert.Equal(["label_selector", "field_selector", "page_size"], e.Violations().FieldViolations.Select(v => v.Field));
        Assert.StartsWith("invalid request: label_selector: ", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequest_UnknownServiceType_DescribesSupportedValues()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = WithType((ServiceType)42) }).ResponseAsync);

        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Contains("42", violation.Description, StringComparison.Ordinal);
        e.AssertInfo("INVALID_REQUEST");
        Assert.Null(e.Detail<ResourceInfo>());
    }
}
