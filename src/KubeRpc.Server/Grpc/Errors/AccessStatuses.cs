using Grpc.Core;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>The statuses of callers KubeRpc does not let in.</summary>
internal static class AccessStatuses
{
    /// <summary>UNAUTHENTICATED; says nothing about why a token failed beyond "invalid or expired".</summary>
    public static RpcException Unauthenticated(bool hadToken) =>
        RichStatus.Create(StatusCode.Unauthenticated,
            hadToken ? "the bearer token is invalid or expired" : "a bearer token is required (metadata \"authorization: Bearer <token>\")",
            RichStatus.Info(ErrorReasons.Unauthenticated));

    /// <summary>UNAUTHENTICATED for a client certificate that does not verify against the client CAs, and no token; says no more why.</summary>
    public static RpcException UntrustedCertificate() =>
        RichStatus.Create(StatusCode.Unauthenticated, "the client certificate is not trusted", RichStatus.Info(ErrorReasons.Unauthenticated));
}
