using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>kube-apiserver's authorizer.Decision.</summary>
internal enum Decision
{
    NoOpinion,
    Allow,
    Deny,
}

/// <summary>Decides whether a user may make a request (kube-apiserver's authorization filter).</summary>
internal interface IAuthorizer
{
    /// <returns>The decision and, for the Forbidden message and reviews, the reason (empty when there is none).</returns>
    (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes);
}
