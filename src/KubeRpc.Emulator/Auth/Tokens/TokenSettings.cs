using k8s.Models;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>What issuing and checking service-account tokens share within one emulator.</summary>
/// <param name="Key">The signing key, made per emulator.</param>
/// <param name="Time">The emulator's clock: issue times, expiry and validity all come from it.</param>
/// <param name="ServiceAccount">Reads a stored service account by namespace and name; null when there is none.</param>
internal sealed record TokenSettings(SigningKey Key, TimeProvider Time, Func<string, string, V1ServiceAccount?> ServiceAccount)
{
    /// <summary>
    /// The issuer kubeadm configures (<c>--service-account-issuer</c>), which is also the API server's only audience
    /// (<c>--api-audiences</c> defaults to the issuer).
    /// </summary>
    public const string DefaultIssuer = "https://kubernetes.default.svc.cluster.local";

    /// <summary>The <c>iss</c> of every token; tokens of any other issuer are not ours to judge.</summary>
    public string Issuer { get; init; } = DefaultIssuer;

    /// <summary>The API server's audiences: a token's default audience and what a request to the API must carry.</summary>
    public IReadOnlyList<string> ApiAudiences { get; init; } = [DefaultIssuer];
}
