using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>Static tokens (kube-apiserver's <c>--token-auth-file</c>): fixed users for clients that must send a token.</summary>
public sealed class StaticTokenTests : EmulatorTest
{
    public StaticTokenTests()
        : base(new EmulatorOptions
        {
            StaticTokens = new Dictionary<string, UserInfo>
            {
                ["ops-token"] = new("ops", "ops-uid", ["system:masters"], new Dictionary<string, IReadOnlyList<string>>()),
            },
        })
    {
    }

    private Kubernetes ClientWithToken(string token) =>
        new(new KubernetesClientConfiguration { Host = "http://emulator.invalid", AccessToken = token }, Emulator.CreateHandler());

    [Fact]
    public async Task StaticToken_KnownToken_ItsUserWithTheAuthenticatedGroup()
    {
        using var ops = ClientWithToken("ops-token");

        var self = await ops.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview()).DefaultTimeout();
        var services = await ops.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        var review = await Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "ops-token" } })
            .DefaultTimeout();
        var elsewhere = await Client.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "ops-token", Audiences = ["vault"] } }).DefaultTimeout();

        Assert.Equal(("ops", "ops-uid"), (self.Status.UserInfo.Username, self.Status.UserInfo.Uid));
        Assert.Equal(["system:masters", "system:authenticated"], self.Status.UserInfo.Groups);
        Assert.Single(services.Items);
        Assert.True(review.Status.Authenticated);
        Assert.Equal(["https://kubernetes.default.svc.cluster.local"], review.Status.Audiences);
        // The token file knows only the API server's audiences.
        Assert.Equal("invalid bearer token", elsewhere.Status.Error);
    }

    [Fact]
    public async Task StaticToken_UnknownToken_401()
    {
        using var stranger = ClientWithToken("other-token");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => stranger.CoreV1.ListNamespacedServiceAsync("default"));

        Assert.Equal(401, (int)e.Response.StatusCode);
    }
}
