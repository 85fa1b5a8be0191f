using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Access;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// Auth:Mode Kubernetes: every RPC is decided by the cluster's SubjectAccessReview with the verb Kubernetes would use,
/// before the cache or the API server is consulted; decisions are forgotten when RBAC changes.
/// </summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private ClusterAccess _access = null!;
    private ReadOptions _fixturesRead = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        _access = new ClusterAccess(_host.Kubernetes);
        var version = "";
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            await _access.EnsureNamespaceAsync(ns);
            version = (await _host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(Fixture("web"), ns).DefaultTimeout()).Metadata.ResourceVersion;
        }
        // Reads that see the fixtures, however far the cache lags.
        _fixturesRead = new ReadOptions { MinResourceVersion = version };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Allowed_GetAndListInTheGrantedNamespace()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        await _access.GrantAsync("reader", "team-a", ["get", "list"], ["services"]);

        var got = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "team-a", Name = "web", ReadOptions = _fixturesRead },
            Bearer(token)).ResponseAsync.DefaultTimeout();
        var listed = await _host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "team-a", ReadOptions = _fixturesRead },
            Bearer(token)).ResponseAsync.DefaultTimeout();

        Assert.Equal("web", got.Metadata.Name);
        Assert.Equal(["web"], listed.Services.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task ForbiddenNamespace_PermissionDeniedInKubernetesWords()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        await _access.GrantAsync("reader", "team-a", ["get", "list"], ["services"]);

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.ListServicesAsync(
            new ListServicesRequest { Namespace = "team-b" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.Equal("services is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource \"services\" " +
            "in API group \"\" in the namespace \"team-b\"", e.Status.Detail);
        Assert.Equal("FORBIDDEN", e.Info().Reason);
        Assert.Equal("list", e.Info().Metadata["verb"]);
        Assert.Equal("team-b", e.Info().Metadata["namespace"]);
    }

    [Fact]
    public async Task AllNamespacesList_NeedsClusterWidePermission()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        await _access.GrantAsync("reader", "team-a", ["list"], ["services"]);
        await _access.GrantAsync("reader", "team-b", ["list"], ["services"]);

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.ListServicesAsync(
            new ListServicesRequest(), Bearer(token)).ResponseAsync.DefaultTimeout());
        await _access.GrantAsync("reader", null, ["list"], ["services"]);
        var all = await Eventually(() => _host.Services.ListServicesAsync(new ListServicesRequest { ReadOptions = _fixturesRead }, Bearer(token))
            .ResponseAsync);

        Assert.EndsWith("cannot list resource \"services\" in API group \"\" at the cluster scope", e.Status.Detail);
        Assert.Contains(all.Services, s => s.Metadata.Namespace == "team-a");
        Assert.Contains(all.Services, s => s.Metadata.Namespace == "team-b");
    }

    [Fact]
    public async Task ForbiddenGet_SaysTheSameWhetherOrNotTheObjectExists()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        await _access.GrantAsync("reader", "team-a", ["get"], ["services"]);

        var existing = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-b", Name = "web" }, Bearer(token)).ResponseAsync.DefaultTimeout());
        var missing = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-b", Name = "wex" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.Equal(existing.Status.Detail, missing.Status.Detail.Replace("\"wex\"", "\"web\"", StringComparison.Ordinal));
        Assert.Equal(existing.Trailers.GetValueBytes("grpc-status-details-bin")!.Length,
            missing.Trailers.GetValueBytes("grpc-status-details-bin")!.Length);
        Assert.StartsWith("services \"web\" is forbidden: User \"system:serviceaccount:default:reader\" cannot get resource", existing.Status.Detail);
    }

    [Fact]
    public async Task Writes_UseKubernetesVerbs_UpdateStatusIsUpdateOnStatus_ApplyIsPatch()
    {
        var token = await _access.ServiceAccountTokenAsync("writer");
        await _access.GrantAsync("writer", "team-a", ["get", "create", "update", "delete"], ["services"]);
        var service = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "team-a", Name = "web", ReadOptions = _fixturesRead },
            Bearer(token)).ResponseAsync.DefaultTimeout();

        var created = await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Proto("created", "team-a") }, Bearer(token))
            .ResponseAsync.DefaultTimeout();
        var status = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.UpdateServiceStatusAsync(
            new UpdateServiceStatusRequest { Service = service }, Bearer(token)).ResponseAsync.DefaultTimeout());
        var apply = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.ApplyServiceAsync(
            new ApplyServiceRequest { Service = Proto("web", "team-a"), FieldManager = "test" }, Bearer(token)).ResponseAsync.DefaultTimeout());
        var collection = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.DeleteServiceCollectionAsync(
            new DeleteServiceCollectionRequest { Namespace = "team-a" }, Bearer(token)).ResponseAsync.DefaultTimeout());
        await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "team-a", Name = "created" }, Bearer(token))
            .ResponseAsync.DefaultTimeout();

        Assert.Equal("created", created.Metadata.Name);
        Assert.Contains("cannot update resource \"services/status\"", status.Status.Detail);
        Assert.Contains("cannot patch resource \"services\"", apply.Status.Detail);
        Assert.Contains("cannot deletecollection resource \"services\"", collection.Status.Detail);
    }

    [Fact]
    public async Task IngressRpcs_AreDecidedOnIngressesOfTheNetworkingGroup()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        await _access.GrantAsync("reader", "team-a", ["list"], ["services"]);

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Ingresses.ListIngressesAsync(
            new ListIngressesRequest { Namespace = "team-a" }, Bearer(token)).ResponseAsync.DefaultTimeout());
        await _access.GrantAsync("reader", "team-a", ["list"], ["ingresses"], "networking.k8s.io");
        var listed = await Eventually(() => _host.Ingresses.ListIngressesAsync(new ListIngressesRequest { Namespace = "team-a" }, Bearer(token)).ResponseAsync);

        Assert.Equal("ingresses.networking.k8s.io is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource " +
            "\"ingresses\" in API group \"networking.k8s.io\" in the namespace \"team-a\"", e.Status.Detail);
        Assert.Empty(listed.Ingresses);
    }

    [Fact]
    public async Task Decisions_AreRemembered_AndForgottenWhenABindingIsDeleted()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        var binding = await _access.GrantAsync("reader", "team-a", ["get"], ["services"]);
        var reviewer = _host.ServerServices.GetRequiredService<AccessReviewer>();
        var rbac = _host.ServerServices.GetRequiredService<RbacChanges>();
        await Polling.UntilAsync(() => Task.FromResult(rbac.Watching), () => "the RBAC watches to open");
        await Eventually(() => Get(token));
        // The grant's own watch events may land after the first review and clear it: wait for a read that needs none.
        await Polling.UntilAsync(async () =>
        {
            var reviews = reviewer.Reviews;
            await Get(token);
            return reviewer.Reviews == reviews;
        }, () => "a decision to be remembered");

        var before = reviewer.Reviews;
        for (var i = 0; i < 5; i++)
        {
            await Get(token);
        }
        var remembered = reviewer.Reviews - before;
        await _access.RevokeAsync(binding, "team-a");
        await Polling.UntilAsync(async () =>
        {
            try
            {
                await Get(token);
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                return true;
            }
        }, () => "the revoked binding to take effect", TimeSpan.FromSeconds(5));

        Assert.Equal(0, remembered);
    }

    [Fact]
    public async Task InvalidName_InvalidArgumentBeforeAnyReview()
    {
        var token = await _access.ServiceAccountTokenAsync("reader");
        var reviewer = _host.ServerServices.GetRequiredService<AccessReviewer>();
        var before = reviewer.Reviews;

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-a", Name = "../secrets/x" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.Equal(before, reviewer.Reviews);
        Assert.Contains("name", e.Status.Detail);
    }

    [Fact]
    public async Task NoToken_UnauthenticatedBeforeRequestSyntaxIsJudged()
    {
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => _host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-a", Name = "../x" }).ResponseAsync.DefaultTimeout());

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
    }

    private Task<Service> Get(string token) =>
        _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "team-a", Name = "web", ReadOptions = _fixturesRead }, Bearer(token))
            .ResponseAsync.DefaultTimeout();

    /// <summary>A call that a grant just made allows: RBAC reaches the cluster's authorizer at once, so this rarely waits.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        T? result = default;
        await Polling.UntilAsync(async () =>
        {
            try
            {
                result = await call();
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                return false;
            }
        }, () => "the grant to take effect", TimeSpan.FromSeconds(5));
        return result!;
    }

    private static V1Service Fixture(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = name } },
    };

    private static Service Proto(string name, string ns) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } }, Selector = { ["app"] = name } },
    };
}
