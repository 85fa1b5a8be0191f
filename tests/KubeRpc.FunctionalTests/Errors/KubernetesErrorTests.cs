using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Errors;

/// <summary>
/// One test per row of docs/architecture.md's error table that the embedded cluster can produce: the real Kubernetes
/// answer (or an injected fault) becomes the documented gRPC code and details. The rows the emulator cannot
/// produce (401, 403, 410, 504, ServerTimeout, connection refused) are in KubeRpc.UnitTests.
/// </summary>
public sealed class KubernetesErrorTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // STRONG reads go to the API server, which is where these errors come from (cached reads never call it).
    private Task<Service> GetAsync(string name) =>
        _host.Services.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "default",
            Name = name,
            ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }).ResponseAsync;

    [Fact]
    public async Task NotFound404_NotFoundWithResourceInfo()
    {
        var e = await RpcErrors.FailsWith(StatusCode.NotFound, () => GetAsync("ghost"));

        var info = e.AssertInfo("NOT_FOUND");
        Assert.Equal("Service", info.Metadata["kind"]);
        Assert.Equal("default", info.Metadata["namespace"]);
        Assert.Equal("ghost", info.Metadata["name"]);
        Assert.Equal("NotFound", info.Metadata["kubernetes_reason"]);
        Assert.Equal("404", info.Metadata["kubernetes_code"]);
        var resource = e.Detail<ResourceInfo>()!;
        Assert.Equal("v1/services", resource.ResourceType);
        Assert.Equal("default/ghost", resource.ResourceName);
        Assert.Equal("services \"ghost\" not found", e.Status.Detail);
    }

    [Fact]
    public async Task AlreadyExists409_AlreadyExistsWithResourceInfo()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var e = await RpcErrors.FailsWith(StatusCode.AlreadyExists,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = ServiceTestKit.ClusterIp("web") }).ResponseAsync);

        var info = e.AssertInfo("ALREADY_EXISTS");
        Assert.Equal("AlreadyExists", info.Metadata["kubernetes_reason"]);
        Assert.Equal("default/web", e.Detail<ResourceInfo>()!.ResourceName);
        Assert.Equal("services \"web\" already exists", e.Status.Detail);
    }

    [Fact]
    public async Task Conflict409_AbortedWithConflictReason()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var fresh = created.Clone();
        fresh.Metadata.Labels["v"] = "1";
        await _host.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = fresh }).Bounded();

        var e = await RpcErrors.FailsWith(StatusCode.Aborted,
            () => _host.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = created }).ResponseAsync);

        var info = e.AssertInfo("CONFLICT");
        Assert.Equal("409", info.Metadata["kubernetes_code"]);
        Assert.Null(e.Detail<ResourceInfo>());
        Assert.Equal("Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again",
            e.Status.Detail);
    }

    [Fact]
    public async Task Invalid422_InvalidArgumentWithKubernetesFieldPaths()
    {
        var service = ServiceTestKit.ClusterIp("web");
        service.Spec.Ports[0].Port = 70000;
        service.Spec.SessionAffinity = SessionAffinity.ClientIp;
        service.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIp = new ClientIPConfig { TimeoutSeconds = 0 } };

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);

        var info = e.AssertInfo("INVALID");
        Assert.Equal("Invalid", info.Metadata["kubernetes_reason"]);
        Assert.Equal("422", info.Metadata["kubernetes_code"]);
        var fields = e.Violations().FieldViolations;
        Assert.Contains(fields, v => v.Field == "spec.ports[0].port" && v.Reason == "FieldValueInvalid"
            && v.Description == "Invalid value: 70000: must be between 1 and 65535, inclusive");
        Assert.Contains(fields, v => v.Field == "spec.sessionAffinityConfig.clientIP.timeoutSeconds");
        Assert.StartsWith("Service \"web\" is invalid: ", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequest400_UnsupportedFieldSelector_InvalidArgument()
    {
        // Syntactically fine, so KubeRpc passes it on; which fields a kind supports is the API server's call.
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default", FieldSelector = "spec.ports=80" }).ResponseAsync);

        var info = e.AssertInfo("BAD_REQUEST");
        Assert.Equal("BadRequest", info.Metadata["kubernetes_reason"]);
        Assert.Equal("400", info.Metadata["kubernetes_code"]);
        Assert.Equal("field label not supported: spec.ports", e.Status.Detail);
    }

    [Fact]
    public async Task TooManyRequests429_ResourceExhaustedWithRetryInfoFromRetryAfter()
    {
        _host.Emulator.Faults.FailNextRequests(1, 429, 3);

        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted, () => GetAsync("kubernetes"));

        var info = e.AssertInfo("TOO_MANY_REQUESTS");
        Assert.Equal("TooManyRequests", info.Metadata["kubernetes_reason"]);
        Assert.Equal(TimeSpan.FromSeconds(3), e.RetryDelay());
        Assert.Equal("kubernetes", (await GetAsync("kubernetes").DefaultTimeout()).Metadata.Name);
    }

    [Fact]
    public async Task ServiceUnavailable503_UnavailableWithRetryInfo()
    {
        _host.Emulator.Faults.FailNextRequests(1, 503, 7);

        var e = await RpcErrors.FailsWith(StatusCode.Unavailable,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = ServiceTestKit.ClusterIp("web") }).ResponseAsync);

        var info = e.AssertInfo("KUBERNETES_UNAVAILABLE");
        Assert.Equal("503", info.Metadata["kubernetes_code"]);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryDelay());
        Assert.False(await _host.ExistsDirectAsync("web"));
    }

    [Fact]
    public async Task InternalError500_InternalWithScrubbedMessage()
    {
        _host.Emulator.Faults.FailNextRequests(1, 500);

        var e = await RpcErrors.FailsWith(StatusCode.Internal, () => GetAsync("kubernetes"));

        var info = e.AssertInfo("KUBERNETES_INTERNAL_ERROR");
        Assert.Equal("InternalError", info.Metadata["kubernetes_reason"]);
        Assert.Equal("the Kubernetes API server failed with HTTP 500 InternalError", e.Status.Detail);
        Assert.DoesNotContain("injected fault", e.Status.ToString(), StringComparison.Ordinal);
        Assert.Null(e.Detail<BadRequest>());
        Assert.Null(e.Detail<RetryInfo>());
    }
}
