using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// Auth:Mode Kubernetes against the embedded cluster: a call needs a bearer token the cluster's TokenReview accepts;
/// otherwise UNAUTHENTICATED, saying nothing of why a token failed. Health stays anonymous.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        // No remembered reviews, so a deleted account's token is refused on the very next call.
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes", ["Auth:TokenCacheTtl"] = "00:00:00" })
            .DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoToken_Unauthenticated()
    {
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => Get(null));

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
        Assert.Equal("a bearer token is required (metadata \"authorization: Bearer <token>\")", e.Status.Detail);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task BadCredentials_UnauthenticatedSayingNothingMore(string authorization)
    {
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => Get(authorization));

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
        Assert.Equal("the bearer token is invalid or expired", e.Status.Detail);
    }

    [Fact]
    public async Task ServiceAccountToken_LetIn_UntilTheAccountIsDeleted()
    {
        var access = new ClusterAccess(_host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("reader");
        await access.GrantAsync("reader", "default", ["get"], ["services"]);

        var reply = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" },
            ClusterAccess.Bearer(token)).ResponseAsync.DefaultTimeout();
        await _host.Kubernetes.CoreV1.DeleteNamespacedServiceAccountAsync("reader", "default").DefaultTimeout();
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => Get("Bearer " + token));

        Assert.Equal("kubernetes", reply.Metadata.Name);
        Assert.Equal("the bearer token is invalid or expired", e.Status.Detail);
    }

    [Fact]
    public async Task Watch_NoToken_Unauthenticated()
    {
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, async () =>
        {
            using var call = _host.Services.WatchServices(new WatchServicesRequest { Namespace = "default" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
    }

    [Fact]
    public async Task Reflection_NeedsAToken()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        var token = await new ClusterAccess(_host.Kubernetes).ServiceAccountTokenAsync("browser");

        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => ListServicesAsync(reflection, null));
        var services = await ListServicesAsync(reflection, ClusterAccess.Bearer(token)).DefaultTimeout();

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
        Assert.Contains("kuberpc.v1.ServiceManager", services);
    }

    [Fact]
    public async Task Health_NoToken_Serving()
    {
        var reply = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    private static async Task<List<string>> ListServicesAsync(ServerReflection.ServerReflectionClient reflection, Metadata? headers)
    {
        using var call = reflection.ServerReflectionInfo(headers);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }

    private Task Get(string? authorization) =>
        _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" },
            authorization is null ? null : new Metadata { { "authorization", authorization } }).ResponseAsync.DefaultTimeout();
}
