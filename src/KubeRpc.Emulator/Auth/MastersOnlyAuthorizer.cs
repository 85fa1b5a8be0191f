using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>
/// The authorization the emulator has until RBAC lands: members of <c>system:masters</c> may do anything; any other
/// authenticated user only what the default cluster roles bound to <c>system:authenticated</c> allow (kube-apiserver's
/// bootstrap policy): <c>get</c> on the discovery and health paths (<c>system:discovery</c>), and <c>create</c> on the
/// self reviews (<c>system:basic-user</c>), so that a service account's token can run <c>kubectl auth whoami</c> and is
/// refused elsewhere with the real 403; service accounts may also read the issuer's discovery documents
/// (<c>system:service-account-issuer-discovery</c>). Nobody else anything. The RBAC authorizer replaces this class.
/// </summary>
internal sealed class MastersOnlyAuthorizer : IAuthorizer
{
    private static readonly string[] DiscoveryPaths =
        ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"];

    private static readonly string[] IssuerDiscoveryPaths =
        ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"];

    private static readonly (string Group, string Resource)[] SelfReviews =
    [
        ("authentication.k8s.io", "selfsubjectreviews"),
        ("authorization.k8s.io", "selfsubjectaccessreviews"),
        ("authorization.k8s.io", "selfsubjectrulesreviews"),
    ];

    public (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes)
    {
        if (user.Groups.Contains(UserInfo.MastersGroup))
        {
            return (Decision.Allow, "");
        }
        if (!user.Groups.Contains(UserInfo.AuthenticatedGroup))
        {
            return (Decision.NoOpinion, "");
        }
        var allowed = attributes.IsResourceRequest
            ? attributes.Verb == "create" && attributes.Subresource.Length == 0 && SelfReviews.Contains((attributes.ApiGroup, attributes.Resource))
            : attributes.Verb == "get" && (DiscoveryPaths.Any(p => Matches(p, attributes.Path))
                || (user.Groups.Contains("system:serviceaccounts") && IssuerDiscoveryPaths.Contains(attributes.Path)));
        return allowed ? (Decision.Allow, "") : (Decision.NoOpinion, "");
    }

    /// <summary>An RBAC non-resource URL: exact, or a prefix when it ends in <c>*</c>.</summary>
    private static bool Matches(string rule, string path) =>
        rule.EndsWith('*') ? path.StartsWith(rule[..^1], StringComparison.Ordinal) : path == rule;
}
