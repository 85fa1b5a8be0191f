namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// The user a service account authenticates as (apiserver <c>serviceaccount.ServiceAccountInfo.UserInfo</c>, then the
/// authenticated-group adder): <c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c> with the service account's uid, the groups
/// <c>system:serviceaccounts</c>, <c>system:serviceaccounts:&lt;ns&gt;</c> and <c>system:authenticated</c>, and the token's
/// <c>jti</c> as the credential id.
/// </summary>
internal static class ServiceAccountUser
{
    /// <summary>The extra key of the credential id (apiserver <c>serviceaccount.CredentialIDKey</c>).</summary>
    public const string CredentialIdKey = "authentication.kubernetes.io/credential-id";

    public const string AllServiceAccountsGroup = "system:serviceaccounts";

    /// <summary><c>MakeUsername</c>.</summary>
    public static string Name(string ns, string name) => $"system:serviceaccount:{ns}:{name}";

    public static UserInfo Of(string ns, string name, string uid, string jti)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (jti.Length > 0)
        {
            // CredentialIDForJTI.
            extra[CredentialIdKey] = ["JTI=" + jti];
        }
        return new UserInfo(Name(ns, name), uid, [AllServiceAccountsGroup, AllServiceAccountsGroup + ":" + ns, UserInfo.AuthenticatedGroup], extra);
    }
}
