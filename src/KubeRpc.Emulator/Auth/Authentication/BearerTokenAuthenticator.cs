using KubeRpc.Emulator.Auth.Tokens;

namespace KubeRpc.Emulator.Auth.Authentication;

/// <summary>
/// kube-apiserver's token authenticators in their order: the static token file (<c>--token-auth-file</c>, audience
/// agnostic: good for the API server's audiences only), then the service-account tokens this emulator issued.
/// Authenticated users get <c>system:authenticated</c> (the authenticated-group adder).
/// </summary>
internal sealed class BearerTokenAuthenticator(IReadOnlyDictionary<string, UserInfo> staticTokens, TokenAuthenticator serviceAccounts, TokenSettings settings)
{
    public TokenAuthentication Authenticate(string token, IReadOnlyList<string>? audiences = null)
    {
        if (staticTokens.TryGetValue(token, out var user))
        {
            var accepted = (audiences ?? settings.ApiAudiences).Where(settings.ApiAudiences.Contains).ToList();
            if (accepted.Count > 0)
            {
                return new TokenAuthentication(WithAuthenticatedGroup(user), accepted, null);
            }
        }
        return serviceAccounts.Authenticate(token, audiences);
    }

    private static UserInfo WithAuthenticatedGroup(UserInfo user) =>
        user.Groups.Contains(UserInfo.AuthenticatedGroup) || user.Groups.Contains(UserInfo.UnauthenticatedGroup)
            ? user
            : user with { Groups = [.. user.Groups, UserInfo.AuthenticatedGroup] };
}
