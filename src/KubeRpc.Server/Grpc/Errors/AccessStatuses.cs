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
}
