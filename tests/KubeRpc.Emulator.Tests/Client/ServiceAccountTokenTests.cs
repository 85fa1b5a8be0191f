using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// Service-account tokens through the real KubernetesClient in process: TokenRequest, TokenReview of good and bad
/// tokens, SelfSubjectReview as the token's holder, 401 for a bad token and 403 for what the account may not do.
/// The in-process handler is the admin unless a client presents a token.
/// </summary>
public sealed class ServiceAccountTokenTests : EmulatorTest
{
    private const string ApiAudience = "https://kubernetes.default.svc.cluster.local";
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 15, 4, 5, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock;

    public ServiceAccountTokenTests()
        : this(new FakeTimeProvider(Start))
    {
    }

    private ServiceAccountTokenTests(FakeTimeProvider clock)
        : base(new EmulatorOptions { TimeProvider = clock }) => _clock = clock;

    private async Task<V1ServiceAccount> AccountAsync(string name = "robot") =>
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, "default")
            .DefaultTimeout();

    private async Task<Authenticationv1TokenRequest> TokenAsync(string name = "robot", long? seconds = null, IList<string>? audiences = null) =>
        await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { ExpirationSeconds = seconds, Audiences = audiences ?? [] },
        }, name, "default").DefaultTimeout();

    private Kubernetes ClientWithToken(string token) =>
        new(new KubernetesClientConfiguration { Host = "http://emulator.invalid", AccessToken = token }, Emulator.CreateHandler());

    private async Task<V1TokenReview> ReviewAsync(string token, IList<string>? audiences = null) =>
        await Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = audiences } })
            .DefaultTimeout();

    [Fact]
    public async Task CreateToken_Defaults_HourLongTokenForTheApiServer()
    {
        var account = await AccountAsync();

        var request = await TokenAsync();

        Assert.Equal(("robot", "default"), (request.Metadata.Name, request.Metadata.NamespaceProperty));
        Assert.Equal(Start.UtcDateTime, request.Metadata.CreationTimestamp);
        Assert.Equal([ApiAudience], request.Spec.Audiences);
        Assert.Equal(3600, request.Spec.ExpirationSeconds);
        Assert.Equal(Start.AddHours(1).UtcDateTime, request.Status.ExpirationTimestamp);
        Assert.Equal(3, request.Status.Token.Split('.').Length);
        Assert.NotEmpty(account.Metadata.Uid);
    }

    [Fact]
    public async Task CreateToken_RefusedRequests_404And422()
    {
        await AccountAsync();

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => TokenAsync("nobody"));
        var tooShort = await Assert.ThrowsAsync<HttpOperationException>(() => TokenAsync(seconds: 599));
        var tooLong = await Assert.ThrowsAsync<HttpOperationException>(() => TokenAsync(seconds: (1L << 32) + 1));

        Assert.Equal(404, (int)missing.Response.StatusCode);
        Assert.Contains("\"message\":\"serviceaccounts \\\"nobody\\\" not found\"", missing.Response.Content, StringComparison.Ordinal);
        Assert.Equal(422, (int)tooShort.Response.StatusCode);
        Assert.Contains("\"message\":\"TokenRequest.authentication.k8s.io \\\"\\\" is invalid: spec.expirationSeconds: Invalid value: 599: " +
            "may not specify a duration less than 10 minutes\"", tooShort.Response.Content, StringComparison.Ordinal);
        Assert.Contains("may not specify a duration larger than 2^32 seconds", tooLong.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenReview_GoodToken_AuthenticatedAsTheServiceAccount()
    {
        var account = await AccountAsync();
        var token = (await TokenAsync()).Status.Token;

        var review = await ReviewAsync(token);

        Assert.True(review.Status.Authenticated);
        Assert.Equal(("system:serviceaccount:default:robot", account.Metadata.Uid), (review.Status.User.Username, review.Status.User.Uid));
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], review.Status.User.Groups);
        Assert.StartsWith("JTI=", Assert.Single(review.Status.User.Extra["authentication.kubernetes.io/credential-id"]), StringComparison.Ordinal);
        Assert.Equal([ApiAudience], review.Status.Audiences);
        Assert.Null(review.Status.Error);
    }

    [Fact]
    public async Task TokenReview_BadTokens_NotAuthenticatedWithTheAuthenticatorsError()
    {
        await AccountAsync();
        var token = (await TokenAsync(seconds: 600)).Status.Token;
        var vault = (await TokenAsync(audiences: ["vault"])).Status.Token;

        var garbage = await ReviewAsync("not-a-token");
        var otherAudience = await ReviewAsync(vault);
        var forVault = await ReviewAsync(vault, ["vault"]);
        _clock.Advance(TimeSpan.FromSeconds(600 + 61));
        var expired = await ReviewAsync(token);

        Assert.Null(garbage.Status.Authenticated); // false is omitted, as Go omits it
        Assert.Equal("invalid bearer token", garbage.Status.Error);
        Assert.Equal("[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences [\"" + ApiAudience + "\"]]",
            otherAudience.Status.Error);
        Assert.True(forVault.Status.Authenticated);
        Assert.Equal(["vault"], forVault.Status.Audiences);
        Assert.Null(expired.Status.Authenticated);
        Assert.Equal("[invalid bearer token, service account token has expired]", expired.Status.Error);
    }

    [Fact]
    public async Task SelfSubjectReview_WithToken_TheServiceAccountAndWithoutTheAdmin()
    {
        var account = await AccountAsync();
        using var robot = ClientWithToken((await TokenAsync()).Status.Token);

        var self = await robot.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview()).DefaultTimeout();
        var admin = await Client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview()).DefaultTimeout();

        Assert.Equal(("system:serviceaccount:default:robot", account.Metadata.Uid), (self.Status.UserInfo.Username, self.Status.UserInfo.Uid));
        Assert.Equal(Start.UtcDateTime, self.Metadata.CreationTimestamp);
        Assert.Equal(("system:unsecured", (string?)null), (admin.Status.UserInfo.Username, admin.Status.UserInfo.Uid));
        Assert.Equal(["system:masters", "system:authenticated"], admin.Status.UserInfo.Groups);
    }

    [Fact]
    public async Task Request_BadToken_401WithKubeApiserversStatus()
    {
        using var stranger = ClientWithToken("not-a-token");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => stranger.CoreV1.ListNamespacedServiceAsync("default"));

        Assert.Equal(401, (int)e.Response.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            e.Response.Content);
    }

    [Fact]
    public async Task Request_GoodTokenWithoutPermission_403NamingTheServiceAccount()
    {
        await AccountAsync();
        using var robot = ClientWithToken((await TokenAsync()).Status.Token);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => robot.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default"));

        Assert.Equal(403, (int)e.Response.StatusCode);
        Assert.Contains("\"message\":\"services is forbidden: User \\\"system:serviceaccount:default:robot\\\" cannot create resource " +
            "\\\"services\\\" in API group \\\"\\\" in the namespace \\\"default\\\"\"", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuerDiscovery_Jwks_VerifiesTheTokensSignature()
    {
        await AccountAsync();
        var token = (await TokenAsync()).Status.Token;
        using var http = new HttpClient(Emulator.CreateHandler()) { BaseAddress = new Uri("http://emulator.invalid") };

        using var configuration = await http.GetAsync("/.well-known/openid-configuration").DefaultTimeout();
        using var keys = await http.GetAsync("/openid/v1/jwks").DefaultTimeout();

        var config = JsonDocument.Parse(await configuration.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ApiAudience, config.GetProperty("issuer").GetString());
        Assert.EndsWith("/openid/v1/jwks", config.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/jwk-set+json", keys.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=3600", keys.Headers.CacheControl?.ToString());
        var jwk = JsonDocument.Parse(await keys.Content.ReadAsStringAsync()).RootElement.GetProperty("keys")[0];
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
        var parts = token.Split('.');
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
