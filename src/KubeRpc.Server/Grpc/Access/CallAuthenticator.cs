using System.Runtime.CompilerServices;
using Grpc.Core;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Errors;
using Microsoft.AspNetCore.Connections.Features;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// Names the caller of a call in <see cref="AuthMode.Kubernetes"/> mode, as kube-apiserver's authenticator chain does: a
/// client certificate that verifies against the client CAs first, then the bearer token in the <c>authorization</c>
/// metadata, as the cluster's TokenReview authenticates it; otherwise UNAUTHENTICATED.
/// </summary>
/// <remarks>
/// An HTTP/2 connection's calls carry the same <c>authorization</c> value, call after call: the connection remembers the
/// last one it was let in with and until when its review holds, so those calls skip the review cache's hashing. The
/// value lives as long as the connection, which holds it in its header table anyway.
/// </remarks>
internal sealed class CallAuthenticator(TokenReviewer tokens, ClientCertificateAuthenticator certificates, TimeProvider time,
    ILogger<CallAuthenticator> logger)
{
    private readonly ConditionalWeakTable<object, ConnectionMemo> _connections = new();

    /// <summary>
    /// The caller, and the token that proved it (null for a certificate, which is good until it expires). Completes at once
    /// when the credential's answer is remembered, as it is for every call but the first of a token.
    /// </summary>
    public ValueTask<(Caller Caller, string? Token)> AuthenticateAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var certificate = certificates.Authenticate(http.Connection.ClientCertificate);
        if (certificate.Caller is { } holder)
        {
            return new((holder, null));
        }
        // From the HTTP headers themselves: building the call's Metadata would copy every header on every call.
        var header = http.Request.Headers.Authorization;
        var value = header.Count > 1 ? "" : header.ToString();
        var memo = http.Features.Get<IConnectionItemsFeature>() is { } connection ? _connections.GetOrCreateValue(connection) : null;
        if (memo?.Last is { } last && string.Equals(last.Header, value, StringComparison.Ordinal) && last.Until > time.GetUtcNow())
        {
            return new((last.Caller, last.Token));
        }
        if (BearerToken(value) is not { } token)
        {
            throw header.Count == 0 && certificate.Refused ? AccessStatuses.UntrustedCertificate() : AccessStatuses.Unauthenticated(hadToken: header.Count > 0);
        }
        if (tokens.TryRemembered(token, out var remembered, out var until))
        {
            if (remembered is null)
            {
                throw AccessStatuses.Unauthenticated(hadToken: true);
            }
            memo?.Last = new Remembered(value, token, remembered, until);
            return new((remembered, token));
        }
        return ReviewedAsync(token, context.CancellationToken);
    }

    /// <summary>Authenticates a token again (an open stream's recheck): the caller, or null when the cluster no longer accepts it.</summary>
    public Func<CancellationToken, Task<Caller?>> Again(string token) => ct => ReviewAsync(token, ct);

    private async ValueTask<(Caller Caller, string? Token)> ReviewedAsync(string token, CancellationToken cancellationToken) =>
        (await ReviewAsync(token, cancellationToken) ?? throw AccessStatuses.Unauthenticated(hadToken: true), token);

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

    /// <summary>The last credential a connection was let in with (replaced whole, so concurrent calls read a consistent one).</summary>
    private sealed class ConnectionMemo
    {
        public volatile Remembered? Last;
    }

    private sealed record Remembered(string Header, string Token, Caller Caller, DateTimeOffset Until);

    /// <summary>The token of <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, as kube-apiserver reads it); null otherwise.</summary>
    private static string? BearerToken(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header[7..].Trim();
        return token.Length is > 0 and <= 16 * 1024 && !token.Contains(' ', StringComparison.Ordinal) ? token : null;
    }
}
