namespace KubeRpc.Server.Grpc.Errors;

/// <summary>The <c>google.rpc.ErrorInfo</c> reasons KubeRpc uses (domain <see cref="Domain"/>).</summary>
public static class ErrorReasons
{
    public const string Domain = "kuberpc.io";

    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string Conflict = "CONFLICT";
    public const string Invalid = "INVALID";
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string ResourceVersionExpired = "RESOURCE_VERSION_EXPIRED";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string ResourceVersionTooLarge = "RESOURCE_VERSION_TOO_LARGE";
    public const string Timeout = "TIMEOUT";
    public const string Unavailable = "KUBERNETES_UNAVAILABLE";
    public const string Internal = "KUBERNETES_INTERNAL_ERROR";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string Unsupported = "UNSUPPORTED";
    public const string Cancelled = "CANCELLED";
    public const string NamespaceNotCached = "NAMESPACE_NOT_CACHED";
}
