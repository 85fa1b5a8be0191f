using System.Buffers.Text;
using System.Text;
using k8s.Models;
using KubeRpc.Emulator.Auth.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>
/// Issuing and checking bound service-account tokens without HTTP: the claims kube-apiserver writes, and every way a
/// token stops authenticating, with the authenticator's own words (which TokenReview reports).
/// </summary>
public sealed class TokenAuthenticatorTests
{
    private const string Ns = "team-a";
    private const string ApiAudience = "https://kubernetes.default.svc.cluster.local";
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 15, 4, 5, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Dictionary<(string, string), V1ServiceAccount> _accounts = [];
    private readonly TokenSettings _settings;
    private readonly TokenIssuer _issuer;
    private readonly TokenAuthenticator _authenticator;

    public TokenAuthenticatorTests()
    {
        _settings = new TokenSettings(new SigningKey(), _clock, (ns, name) => _accounts.GetValueOrDefault((ns, name)));
        _issuer = new TokenIssuer(_settings);
        _authenticator = new TokenAuthenticator(_settings);
    }

    private V1ServiceAccount Account(string name, string uid)
    {
        var account = new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Uid = uid } };
        _accounts[(Ns, name)] = account;
        return account;
    }

    private string Issue(V1ServiceAccount account, long seconds = 3600, string[]? audiences = null, DateTimeOffset? at = null) =>
        _issuer.Issue(account, audiences ?? [ApiAudience], seconds, at ?? _clock.GetUtcNow());

    [Fact]
    public void Authenticate_FreshToken_ServiceAccountUserWithCredentialId()
    {
        var token = Issue(Account("robot", "uid-1"));

        var result = _authenticator.Authenticate(token);

        Assert.True(result.Authenticated);
        var user = result.User!;
        Assert.Equal(("system:serviceaccount:team-a:robot", "uid-1"), (user.Name, user.Uid));
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"], user.Groups);
        var credential = Assert.Single(user.Extra[ServiceAccountUser.CredentialIdKey]);
        Assert.Matches("^JTI=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", credential);
        Assert.Equal([ApiAudience], result.Audiences);
    }

    [Fact]
    public void Issue_Claims_AsKubeApiserverWritesThem()
    {
        var token = Issue(Account("robot", "uid-1"), seconds: 1200, audiences: ["x", "y"]);

        var parts = token.Split('.');
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));

        Assert.Equal($$"""{"alg":"RS256","kid":"{{_settings.Key.KeyId}}"}""", header);
        var jti = ServiceAccountClaims.Read(Base64Url.DecodeFromChars(parts[1]))!.Id;
        var iat = Start.ToUnixTimeSeconds();
        Assert.Equal(
            $$"""{"aud":["x","y"],"exp":{{iat + 1200}},"iat":{{iat}},"iss":"https://kubernetes.default.svc.cluster.local","jti":"{{jti}}",""" +
            $$$"""
            "kubernetes.io":{"namespace":"team-a","serviceaccount":{"name":"robot","uid":"uid-1"}},"nbf":{{{iat}}},"sub":"system:serviceaccount:team-a:robot"}
            """,
            payload);
    }

    [Fact]
    public void Authenticate_TamperedPayload_CryptographicPrimitiveError()
    {
        var parts = Issue(Account("robot", "uid-1")).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("robot", "admin", StringComparison.Ordinal);
        var forged = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var result = _authenticator.Authenticate(forged);

        Assert.False(result.Authenticated);
        Assert.Equal("go-jose/go-jose: error in cryptographic primitive", result.Error);
    }

    [Fact]
    public void Authenticate_TokenOfAnotherEmulatorsKey_NoKeysFound()
    {
        var other = new TokenIssuer(_settings with { Key = new SigningKey() });
        var token = other.Issue(Account("robot", "uid-1"), [ApiAudience], 3600, _clock.GetUtcNow());

        var result = _authenticator.Authenticate(token);

        Assert.Equal("invalid signature, no keys found", result.Error);
    }

    [Fact]
    public void Authenticate_UnsupportedAlgorithm_Refused()
    {
        var parts = Issue(Account("robot", "uid-1")).Split('.');
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","kid":"{{_settings.Key.KeyId}}"}"""));

        var result = _authenticator.Authenticate(header + "." + parts[1] + "." + parts[2]);

        Assert.Equal("go-jose/go-jose: unknown/unsupported algorithm", result.Error);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("{\"iss\":\"https://kubernetes.default.svc.cluster.local\"}")]
    public void Authenticate_NotAJwtOfOurs_NotJudged(string token)
    {
        var result = _authenticator.Authenticate(token);

        Assert.Same(TokenAuthentication.NotOurs, result);
    }

    [Fact]
    public void Authenticate_AnotherIssuer_NotJudged()
    {
        var other = new TokenIssuer(_settings with { Issuer = "https://elsewhere.example" });
        var token = other.Issue(Account("robot", "uid-1"), [ApiAudience], 3600, _clock.GetUtcNow());

        Assert.Same(TokenAuthentication.NotOurs, _authenticator.Authenticate(token));
    }

    [Fact]
    public void Authenticate_OtherAudience_RefusedByTheApiAcceptedForThatAudience()
    {
        var token = Issue(Account("robot", "uid-1"), audiences: ["vault"]);

        var api = _authenticator.Authenticate(token);
        var vault = _authenticator.Authenticate(token, ["other", "vault"]);

        Assert.Equal("token audiences [\"vault\"] is invalid for the target audiences [\"https://kubernetes.default.svc.cluster.local\"]", api.Error);
        Assert.True(vault.Authenticated);
        Assert.Equal(["vault"], vault.Audiences);
    }

    [Fact]
    public void Authenticate_PastExpiry_ValidForTheOneMinuteLeewayThenExpired()
    {
        var token = Issue(Account("robot", "uid-1"), seconds: 600);

        _clock.Advance(TimeSpan.FromSeconds(600 + 60));
        var withinLeeway = _authenticator.Authenticate(token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = _authenticator.Authenticate(token);

        Assert.True(withinLeeway.Authenticated);
        Assert.Equal("service account token has expired", expired.Error);
    }

    [Fact]
    public void Authenticate_NotBeforeInTheFuture_NotValidYetBeyondTheLeeway()
    {
        var account = Account("robot", "uid-1");
        var soon = Issue(account, at: Start.AddSeconds(60));
        var later = Issue(account, at: Start.AddSeconds(61));

        Assert.True(_authenticator.Authenticate(soon).Authenticated);
        Assert.Equal("service account token is not valid yet", _authenticator.Authenticate(later).Error);
    }

    [Fact]
    public void Authenticate_ServiceAccountDeleted_NotFound()
    {
        var token = Issue(Account("robot", "uid-1"));

        _accounts.Remove((Ns, "robot"));

        Assert.Equal("serviceaccounts \"robot\" not found", _authenticator.Authenticate(token).Error);
    }

    [Fact]
    public void Authenticate_ServiceAccountRecreatedWithNewUid_UidMismatch()
    {
        var token = Issue(Account("robot", "uid-1"));

        Account("robot", "uid-2");

        Assert.Equal("service account UID (uid-2) does not match claim (uid-1)", _authenticator.Authenticate(token).Error);
    }

    [Fact]
    public void Authenticate_ServiceAccountBeingDeleted_RefusedAfterTheLeeway()
    {
        var account = Account("robot", "uid-1");
        var token = Issue(account);
        account.Metadata.DeletionTimestamp = Start.UtcDateTime;

        _clock.Advance(TimeSpan.FromSeconds(60));
        var justDeleted = _authenticator.Authenticate(token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var deleted = _authenticator.Authenticate(token);

        Assert.True(justDeleted.Authenticated);
        Assert.Equal("service account team-a/robot has been deleted", deleted.Error);
    }

    [Fact]
    public void SigningKey_Printed_NeverShowsKeyMaterial()
    {
        var key = new SigningKey();

        Assert.Equal($"SigningKey(kid={key.KeyId})", key.ToString());
        Assert.Equal(["use", "kty", "kid", "alg", "n", "e"], key.PublicJwk().Select(p => p.Key));
    }
}
