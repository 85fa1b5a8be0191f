using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Authentication;

/// <summary>
/// The emulator's authentication (kube-apiserver's authentication filter over a bearer-token and an anonymous
/// authenticator): a request with a bearer token is judged by the token alone, a service-account token of this
/// emulator's (or one of <see cref="EmulatorOptions.StaticTokens"/>), and gets 401 Unauthorized when it does not verify; a request without one is the cluster admin
/// (<see cref="UserInfo.Unsecured"/>, as the old insecure port was) when <see cref="LocalAdminRule"/> admits it, which it
/// always does for the in-process handler, and <see cref="UserInfo.Anonymous"/> otherwise.
/// </summary>
internal sealed class RequestAuthenticator(BearerTokenAuthenticator tokens) : IAuthenticator
{
    public UserInfo Authenticate(ApiRequest request)
    {
        if (BearerToken.Parse(request.Authorization) is not { } token)
        {
            return LocalAdminRule.Admits(request) ? UserInfo.Unsecured : UserInfo.Anonymous;
        }
        // Why a token failed goes to kube-apiserver's log, never to the caller.
        return tokens.Authenticate(token).User ?? throw Unauthorized();
    }

    /// <summary>The filter's <c>apierrors.NewUnauthorized("Unauthorized")</c>.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");
}
