using Grpc.Core;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// Names the caller of a call in <see cref="AuthMode.Kubernetes"/> mode, as kube-apiserver's authenticator chain does: a
/// client certificate that verifies against the client CAs first, then the bearer token in the <c>authorization</c>
/// metadata, as the cluster's TokenReview authenticates it; otherwise UNAUTHENTICATED.
/// </summary>
internal sealed class CallAuthenticator(TokenReviewer tokens, ClientCertificateAuthenticator certificates, ILogger<CallAuthenticator> logger)
{
    /// <summary>
    /// The caller, and how to authenticate the same credential again later (an open stream's recheck; null for a
    /// certificate, which is good until it expires).
    /// </summary>
    public async Task<(Caller Caller, Func<CancellationToken, Task<Caller?>>? Again)> AuthenticateAsync(ServerCallContext context)
    {
        var certificate = certificates.Authenticate(context.GetHttpContext().Connection.ClientCertificate);
        if (certificate.Caller is { } holder)
        {
            return (holder, null);
        }
        var header = context.RequestHeaders.GetValue("authorization");
        if (BearerToken(header) is not { } token)
        {
            throw header is null && certificate.Refused ? AccessStatuses.UntrustedCertificate() : AccessStatuses.Unauthenticated(hadToken: header is not null);
        }
        var caller = await ReviewAsync(token, context.CancellationToken) ?? throw AccessStatuses.Unauthenticated(hadToken: true);
        return (caller, ct => ReviewAsync(token, ct));
    }

    private async Task<Caller?> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.AuthenticateAsync(token, cancellationToken);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw ErrorTranslator.Translate(e, new ResourceTarget("TokenReview", "authentication.k8s.io/v1/tokenreviews", null, null), logger);
        }
    }

    /// <summary>The token of <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, as kube-apiserver reads it); null otherwise.</summary>
    private static string? BearerToken(string? header)
    {
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header[7..].Trim();
        return token.Length is > 0 and <= 16 * 1024 && !token.Contains(' ', StringComparison.Ordinal) ? token : null;
    }
}
