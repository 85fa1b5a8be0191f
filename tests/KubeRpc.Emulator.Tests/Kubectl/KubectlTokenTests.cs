using System.Buffers.Text;
using System.Text.Json;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// <c>kubectl create token</c> (a protobuf TokenRequest) and kubectl using that token over TLS: <c>auth whoami</c> (a
/// protobuf SelfSubjectReview), 403 for what the service account may not do, and kubectl's 401 once the token is
/// refused (another audience, deleted service account, expired by the emulator's clock).
/// </summary>
public class KubectlTokenTests
{
    private const string Unauthorized = "error: You must be logged in to the server (Unauthorized)";

    private static async Task<string> TokenAsync(KubectlSession kubectl, params string[] args)
    {
        var created = await kubectl.RunAsync(["create", "token", .. args]);
        Assert.Equal((0, ""), (created.ExitCode, created.Stderr));
        return Assert.Single(created.StdoutLines);
    }

    private static JsonElement Claims(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;

    [RequiresToolFact("kubectl")]
    public async Task CreateToken_DefaultDurationAndAudience_HourLongTokenForTheApiServer()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        await kubectl.RunAsync("create", "serviceaccount", "robot", "-n", "team-a");

        var created = await kubectl.RunAsync("create", "serviceaccount", "robot");
        var token = await TokenAsync(kubectl, "robot");

        KubectlAssert.Success(created, "serviceaccount/robot created");
        var claims = Claims(token);
        var issuedAt = KubectlSession.Instant.ToUnixTimeSeconds();
        Assert.Equal((issuedAt, issuedAt, issuedAt + 3600), (claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64(),
            claims.GetProperty("exp").GetInt64()));
        Assert.Equal("""["https://kubernetes.default.svc.cluster.local"]""", claims.GetProperty("aud").GetRawText());
        Assert.Equal("system:serviceaccount:default:robot", claims.GetProperty("sub").GetString());
        Assert.Equal("""{"namespace":"default","serviceaccount":{"name":"robot","uid":"<uid>"}}""",
            KubectlAssert.MaskIds(claims.GetProperty("kubernetes.io").GetRawText()));
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateToken_DurationAndAudience_TokenForThatAudienceOnly()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        await kubectl.RunAsync("create", "serviceaccount", "robot");

        var token = await TokenAsync(kubectl, "robot", "--duration", "20m", "--audience", "vault");
        var version = await kubectl.RunWithTokenAsync(token, "get", "--raw", "/version");

        var claims = Claims(token);
        Assert.Equal(1200, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal("""["vault"]""", claims.GetProperty("aud").GetRawText());
        // The API server is not among the token's audiences.
        KubectlAssert.Failure(version, Unauthorized);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateToken_RefusedRequests_ServerMessages()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "serviceaccount", "robot");

        var tooShort = await kubectl.RunAsync("create", "token", "robot", "--duration", "5m");
        var missing = await kubectl.RunAsync("create", "token", "nobody");

        KubectlAssert.Failure(tooShort, "error: failed to create token: TokenRequest.authentication.k8s.io \"\" is invalid: " +
            "spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes");
        KubectlAssert.Failure(missing, "error: failed to create token: serviceaccounts \"nobody\" not found");
    }

    [RequiresToolFact("kubectl")]
    public async Task Token_UsedByKubectl_VersionWhoamiAndForbiddenServices()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        await kubectl.RunAsync("create", "serviceaccount", "robot");
        var token = await TokenAsync(kubectl, "robot");

        var version = await kubectl.RunWithTokenAsync(token, "get", "--raw", "/version");
        var whoami = await kubectl.RunWithTokenAsync(token, "auth", "whoami");
        var services = await kubectl.RunWithTokenAsync(token, "get", "services");
        var admin = await kubectl.RunAsync("auth", "whoami");

        Assert.Equal((0, ""), (version.ExitCode, version.Stderr));
        Assert.StartsWith("""{"major":"1","minor":"32",""", version.Stdout, StringComparison.Ordinal);
        KubectlAssert.Success(whoami.Masked(KubectlAssert.MaskIds), """
            ATTRIBUTE                                           VALUE
            Username                                            system:serviceaccount:default:robot
            UID                                                 <uid>
            Groups                                              [system:serviceaccounts system:serviceaccounts:default system:authenticated]
            Extra: authentication.kubernetes.io/credential-id   [JTI=<uid>]
            """);
        KubectlAssert.Failure(services, "Error from server (Forbidden): services is forbidden: User \"system:serviceaccount:default:robot\" " +
            "cannot list resource \"services\" in API group \"\" in the namespace \"default\"");
        // Without credentials, from loopback, kubectl is the cluster admin.
        KubectlAssert.Success(admin, """
            ATTRIBUTE   VALUE
            Username    system:unsecured
            Groups      [system:masters system:authenticated]
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Token_Invalid_UnauthorizedWhereAValidOneIsForbidden()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);

        var version = await kubectl.RunWithTokenAsync("not-a-token", "get", "--raw", "/version");
        var services = await kubectl.RunWithTokenAsync("not-a-token", "get", "services");

        KubectlAssert.Failure(version, Unauthorized);
        // Discovery fails first; kubectl logs each failed attempt, then names the error client-go made of the 401.
        Assert.Equal((1, ""), (services.ExitCode, services.Stdout));
        Assert.Equal("error: You must be logged in to the server (the server has asked for the client to provide credentials)\n",
            KubectlAssert.WithoutKlog(services.Stderr));
    }

    [RequiresToolFact("kubectl")]
    public async Task Token_ServiceAccountDeleted_Unauthorized()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        await kubectl.RunAsync("create", "serviceaccount", "robot");
        var token = await TokenAsync(kubectl, "robot");
        var before = await kubectl.RunWithTokenAsync(token, "auth", "whoami");

        await kubectl.RunAsync("delete", "serviceaccount", "robot");
        await kubectl.RunAsync("create", "serviceaccount", "robot");
        var recreated = await kubectl.RunWithTokenAsync(token, "auth", "whoami");

        Assert.Equal(0, before.ExitCode);
        // The new service account of the same name has another uid: the old token stays refused.
        KubectlAssert.Failure(recreated, Unauthorized);
    }

    [RequiresToolFact("kubectl")]
    public async Task Token_PastExpiryByTheEmulatorsClock_Unauthorized()
    {
        var clock = new FakeTimeProvider(KubectlSession.Instant);
        await using var kubectl = await KubectlSession.StartAsync(new EmulatorOptions { TimeProvider = clock }, https: true);
        await kubectl.RunAsync("create", "serviceaccount", "robot");
        var token = await TokenAsync(kubectl, "robot", "--duration", "10m");

        // Still good one minute past expiry (the validator's leeway), refused after that.
        clock.Advance(TimeSpan.FromMinutes(11));
        var inLeeway = await kubectl.RunWithTokenAsync(token, "auth", "whoami");
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await kubectl.RunWithTokenAsync(token, "auth", "whoami");

        Assert.Equal(0, inLeeway.ExitCode);
        KubectlAssert.Failure(expired, Unauthorized);
    }
}
