using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>
/// The authentication the emulator has had so far: no credentials are checked; the in-process caller and a caller that
/// <see cref="LocalAdminRule"/> admits are <see cref="UserInfo.Unsecured"/>, everyone else <see cref="UserInfo.Anonymous"/>.
/// </summary>
internal sealed class LocalAdminAuthenticator : IAuthenticator
{
    public UserInfo Authenticate(ApiRequest request) => LocalAdminRule.Admits(request) ? UserInfo.Unsecured : UserInfo.Anonymous;
}
