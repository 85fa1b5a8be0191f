using Grpc.Core;
using Grpc.Health.V1;
using k8s;
using k8s.Models;
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
        var token = await TokenAsync("reader");

        var reply = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" },
            Bearer(token)).ResponseAsync.DefaultTimeout();
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
    public async Task Health_NoToken_Serving()
    {
        var reply = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    private Task Get(string? authorization) =>
        _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" },
            authorization is null ? null : new Metadata { { "authorization", authorization } }).ResponseAsync.DefaultTimeout();

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private async Task<string> TokenAsync(string account)
    {
        await _host.Kubernetes.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = account } },
            "default").DefaultTimeout();
        var request = await _host.Kubernetes.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, account, "default").DefaultTimeout();
        return request.Status.Token;
    }
}
