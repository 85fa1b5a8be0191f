using Grpc.Core;
using KubeRpc.Server.Access;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>The statuses of callers KubeRpc does not let in, or no longer serves.</summary>
internal static class AccessStatuses
{
    public const string AccessRevokedReason = "ACCESS_REVOKED";
    public const string NotImpersonableReason = "NOT_IMPERSONABLE";

    /// <summary>UNAUTHENTICATED; says nothing about why a token failed beyond "invalid or expired".</summary>
    public static RpcException Unauthenticated(bool hadToken) =>
        RichStatus.Create(StatusCode.Unauthenticated,
            hadToken ? "the bearer token is invalid or expired" : "a bearer token is required (metadata \"authorization: Bearer <token>\")",
            RichStatus.Info(ErrorReasons.Unauthenticated));

    /// <summary>UNAUTHENTICATED for a client certificate that does not verify against the client CAs, and no token; says no more why.</summary>
    public static RpcException UntrustedCertificate() =>
        RichStatus.Create(StatusCode.Unauthenticated, "the client certificate is not trusted", RichStatus.Info(ErrorReasons.Unauthenticated));

    /// <summary>
    /// PERMISSION_DENIED in kube-apiserver's words (<c>services "web" is forbidden: User "u" cannot get resource "services" in
    /// API group "" in the namespace "default"</c>), with the authorizer's reason when it gave one. It names only what the
    /// caller asked for, so it reads the same whether or not the object exists.
    /// </summary>
    public static RpcException Forbidden(string kind, string user, AccessRequest request, string reason)
    {
        var resource = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        var scope = request.Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace {Quote(request.Namespace)}";
        var message = $"User {Quote(user)} cannot {request.Verb} resource {Quote(resource)} in API group {Quote(request.Group)} {scope}";
        if (reason.Length > 0)
        {
            message += ": " + reason;
        }
        var groupResource = request.Group.Length == 0 ? request.Resource : $"{request.Resource}.{request.Group}";
        message = request.Name.Length == 0
            ? $"{groupResource} is forbidden: {message}"
            : $"{groupResource} {Quote(request.Name)} is forbidden: {message}";
        return RichStatus.Create(StatusCode.PermissionDenied, message,
            RichStatus.Info(ErrorReasons.Forbidden, ("kind", kind), ("verb", request.Verb), ("namespace", request.Namespace), ("name", request.Name)));
    }

    /// <summary>PERMISSION_DENIED for a method no access rule covers: nothing is let in undecided.</summary>
    public static RpcException NoRule(string method) =>
        RichStatus.Create(StatusCode.PermissionDenied, $"{KubeRpc.Machinery.Text.Excerpt.Of(method)} has no access rule, so no caller may call it",
            RichStatus.Info(ErrorReasons.Forbidden));

    /// <summary>PERMISSION_DENIED for a write whose caller's identity cannot be passed on to the API server (Kubernetes/Impersonation.cs).</summary>
    public static RpcException NotImpersonable(string kind, string problem) =>
        RichStatus.Create(StatusCode.PermissionDenied,
            $"writes are sent to the Kubernetes API server as their caller (Auth:Impersonate), and this caller cannot be: {problem}",
            RichStatus.Info(NotImpersonableReason, ("kind", kind)));

    /// <summary>
    /// The end of a watch whose caller lost access: PERMISSION_DENIED (no longer authorized) or UNAUTHENTICATED (credential
    /// expired or no longer valid), with the last resource_version sent, from which a client with access again resumes.
    /// </summary>
    public static RpcException Revoked(AccessLoss loss, string kind, string lastResourceVersion) => loss switch
    {
        AccessLoss.Unauthenticated => RichStatus.Create(StatusCode.Unauthenticated,
            $"the watch of {kind} was ended: the caller's credentials expired or are no longer valid; resume from resource_version \"{lastResourceVersion}\" with new ones",
            RichStatus.Info(ErrorReasons.Unauthenticated, ("kind", kind), ("resource_version", lastResourceVersion))),
        _ => RichStatus.Create(StatusCode.PermissionDenied,
            $"the watch of {kind} was ended: the caller is no longer authorized to watch it; resume from resource_version \"{lastResourceVersion}\" once authorized",
            RichStatus.Info(AccessRevokedReason, ("kind", kind), ("resource_version", lastResourceVersion))),
    };

    private static string Quote(string value) => "\"" + KubeRpc.Machinery.Text.Excerpt.Of(value) + "\"";
}
