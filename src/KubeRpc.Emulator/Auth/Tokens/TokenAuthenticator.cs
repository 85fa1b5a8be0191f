using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// Checks bound service-account tokens in kube-apiserver's order and words (<c>pkg/serviceaccount/jwt.go</c>
/// <c>AuthenticateToken</c>, then <c>claims.go</c> <c>Validate</c>): issuer, key id and signature, audiences, the
/// time claims (go-jose's one-minute leeway), then the service account itself (it must still exist with the uid the
/// token names). Times come from the emulator's clock.
/// </summary>
internal sealed class TokenAuthenticator(TokenSettings settings)
{
    /// <summary>go-jose's <c>DefaultLeeway</c>.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    /// <summary>Authenticates <paramref name="token"/> for <paramref name="audiences"/> (null: the API server's).</summary>
    public TokenAuthentication Authenticate(string token, IReadOnlyList<string>? audiences = null)
    {
        if (token.TrimStart().StartsWith('{') || CompactJws.TryParse(token) is not { } jws
            || ClaimsIssuer(jws) != settings.Issuer)
        {
            return TokenAuthentication.NotOurs;
        }
        if (jws.KeyId.Length > 0 && jws.KeyId != settings.Key.KeyId)
        {
            return TokenAuthentication.Failed("invalid signature, no keys found");
        }
        switch (settings.Key.Verify(jws.Algorithm, jws.SigningInput, jws.Signature))
        {
            case SignatureCheck.UnsupportedAlgorithm:
                return TokenAuthentication.Failed("go-jose/go-jose: unknown/unsupported algorithm");
            case SignatureCheck.Invalid:
                return TokenAuthentication.Failed("go-jose/go-jose: error in cryptographic primitive");
        }
        if (ServiceAccountClaims.Read(jws.Payload) is not { } claims)
        {
            return TokenAuthentication.NotOurs;
        }

        // A token without audiences is a legacy one, good for the API server's audiences only.
        var tokenAudiences = claims.Audiences.Count > 0 ? claims.Audiences : settings.ApiAudiences;
        var requested = audiences ?? settings.ApiAudiences;
        var accepted = requested.Where(tokenAudiences.Contains).ToList();
        if (accepted.Count == 0)
        {
            return TokenAuthentication.Failed($"token audiences {GoStrings(tokenAudiences)} is invalid for the target audiences {GoStrings(requested)}");
        }
        return Validate(claims) is { } error
            ? TokenAuthentication.Failed(error)
            : new TokenAuthentication(ServiceAccountUser.Of(claims.Namespace, claims.ServiceAccountName, claims.ServiceAccountUid, claims.Id), accepted, null);
    }

    /// <summary>The validator's checks of time and of the service account; null when the token is good.</summary>
    private string? Validate(ServiceAccountClaims claims)
    {
        var now = settings.Time.GetUtcNow();
        if (claims.NotBefore is { } nbf && now + Leeway < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return "service account token is not valid yet";
        }
        if (claims.Expiry is { } exp && now - Leeway > DateTimeOffset.FromUnixTimeSeconds(exp))
        {
            return "service account token has expired";
        }
        if (claims.IssuedAt is { } iat && now + Leeway < DateTimeOffset.FromUnixTimeSeconds(iat))
        {
            return "service account token is issued in the future";
        }

        // The getter's live GET fails with the API's NotFound message.
        if (settings.ServiceAccount(claims.Namespace, claims.ServiceAccountName) is not { } account)
        {
            return $"serviceaccounts {FieldError.Quote(claims.ServiceAccountName)} not found";
        }
        var uid = account.Metadata.Uid ?? "";
        if (uid != claims.ServiceAccountUid)
        {
            return $"service account UID ({uid}) does not match claim ({claims.ServiceAccountUid})";
        }
        if (account.Metadata.DeletionTimestamp is { } deleted && new DateTimeOffset(DateTime.SpecifyKind(deleted, DateTimeKind.Utc)) < now - Leeway)
        {
            return $"service account {claims.Namespace}/{claims.ServiceAccountName} has been deleted";
        }
        return null;
    }

    private static string? ClaimsIssuer(CompactJws jws) => ServiceAccountClaims.PeekIssuer(jws.Payload);

    /// <summary>Go's <c>%q</c> of a <c>[]string</c>: <c>["a" "b"]</c>.</summary>
    private static string GoStrings(IEnumerable<string> values) =>
        "[" + string.Join(" ", values.Select(FieldError.Quote)) + "]";
}
