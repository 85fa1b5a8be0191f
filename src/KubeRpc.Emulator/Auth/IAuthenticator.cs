using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>Decides who a request is from (kube-apiserver's authentication filter).</summary>
internal interface IAuthenticator
{
    /// <summary>The request's user; throws a 401 <see cref="Api.ApiException"/> for credentials that do not authenticate.</summary>
    UserInfo Authenticate(ApiRequest request);
}
