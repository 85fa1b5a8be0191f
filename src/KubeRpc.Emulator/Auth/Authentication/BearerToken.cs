namespace KubeRpc.Emulator.Auth.Authentication;

/// <summary>
/// The token of an <c>Authorization</c> header, read as kube-apiserver's <c>bearertoken</c> authenticator reads it: the
/// trimmed header split on single spaces, scheme <c>Bearer</c> in any case, the token the second part. Anything else
/// (no header, another scheme such as <c>Basic</c>, which kube-apiserver no longer understands, an empty token) is no
/// credential at all.
/// </summary>
internal static class BearerToken
{
    public static string? Parse(string? authorization)
    {
        var parts = (authorization ?? "").Trim().Split(' ', 3);
        return parts.Length >= 2 && parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase) && parts[1].Length > 0 ? parts[1] : null;
    }
}
