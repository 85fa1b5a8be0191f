using k8s.Models;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// Signs bound service-account tokens (kube-apiserver's <c>serviceaccount.Claims</c> and <c>JWTTokenGenerator</c>): RS256,
/// the key's id in the header, <c>iat</c> = <c>nbf</c> = now and <c>exp</c> = now + the requested seconds, a fresh
/// <c>jti</c>, bound to the service account's name and uid.
/// </summary>
internal sealed class TokenIssuer(TokenSettings settings)
{
    /// <summary>A token for <paramref name="account"/>, valid for <paramref name="expirationSeconds"/> from <paramref name="now"/>.</summary>
    public string Issue(V1ServiceAccount account, IReadOnlyList<string> audiences, long expirationSeconds, DateTimeOffset now)
    {
        var ns = account.Metadata.NamespaceProperty ?? "";
        var name = account.Metadata.Name ?? "";
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new ServiceAccountClaims(settings.Issuer, ServiceAccountUser.Name(ns, name), audiences, issuedAt, issuedAt,
            issuedAt + expirationSeconds, Guid.NewGuid().ToString(), ns, name, account.Metadata.Uid ?? "");
        return CompactJws.Sign(claims.ToJson(), settings.Key);
    }
}
