using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>
/// How Kubernetes failures become gRPC statuses, for <see cref="ErrorTranslator"/>: the code per HTTP status
/// and reason, an ErrorInfo on every error, ResourceInfo, BadRequest field violations from the Status causes
/// (field paths as Kubernetes writes them) and RetryInfo from Retry-After.
/// </summary>
internal static class KubernetesErrorTranslator
{
    private static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(1);
    private const string EtcdTooLarge = "etcdserver: request is too large";

    /// <summary>Translates an exception from a Kubernetes call about <paramref name="target"/>.</summary>
    /// <param name="sentPatch">The call sent the caller's patch document (PATCH), which kube-apiserver's patch code can fail on.</param>
    public static RpcException Translate(Exception exception, ResourceTarget target, ILogger logger, bool sentPatch) => exception switch
    {
        InvalidPathSegmentException path => InvalidPath(path, target),
        HttpOperationException http => FromHttp(http, target, logger, sentPatch),
        KubernetesException { Status: { } status } => FromStatus((int)(status.Code ?? 500), status, null, target),
        HttpRequestException or IOException => Unavailable("the Kubernetes API server cannot be reached", target),
        TaskCanceledException or OperationCanceledException => Build(StatusCode.DeadlineExceeded,
            "the Kubernetes API server did not answer in time", ErrorReasons.Timeout, target, null, retry: DefaultRetry),
        _ => Unexpected(exception, target, logger),
    };

    /// <summary>CANCELLED, with its ErrorInfo like every other error, when the caller gave up.</summary>
    public static RpcException Cancelled(ResourceTarget target) =>
        Build(StatusCode.Cancelled, "the call was cancelled by the client", ErrorReasons.Cancelled, target, null);

    /// <summary>kube-apiserver's 404 for an object it does not have, for answers from the cache.</summary>
    public static RpcException NotFound(string groupResource, string plural, ResourceTarget target) =>
        FromStatus(404, new V1Status
        {
            Code = 404,
            Reason = "NotFound",
            Message = $"{groupResource} \"{target.Name}\" not found",
            Details = new V1StatusDetails { Name = target.Name, Kind = plural },
        }, null, target);

    /// <summary>kube-apiserver's answer to a continue token whose snapshot it no longer has (410 Expired).</summary>
    public static RpcException ContinueExpired(ResourceTarget target) =>
        FromStatus(410, new V1Status
        {
            Code = 410,
            Reason = "Expired",
            Message = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
        }, null, target);

    /// <summary>kube-apiserver's 400 BadRequest, worded by <paramref name="message"/>.</summary>
    public static RpcException BadRequest(string message, ResourceTarget target) =>
        FromStatus(400, new V1Status { Code = 400, Reason = "BadRequest", Message = message }, null, target);

    private static RpcException FromHttp(HttpOperationException e, ResourceTarget target, ILogger logger, bool sentPatch)
    {
        var code = (int)e.Response.StatusCode;
        V1Status? status = null;
        try
        {
            status = KubernetesJson.Deserialize<V1Status>(e.Response.Content);
        }
        catch (Exception parse) when (parse is System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            // Not a Status body (a proxy's error page, say): classify by the HTTP code alone.
        }
        KubernetesLog.KubernetesCallFailed(logger, code, status?.Reason);
        // kube-apiserver answers a plain error from its patch code (a strategic merge patch whose list items have the
        // wrong type, say) with 500 and no reason; it was the caller's document. Storage errors keep their 5xx.
        if (sentPatch && code == 500 && string.IsNullOrEmpty(status?.Reason) && status?.Message is { } patchError
            && !patchError.StartsWith("etcdserver:", StringComparison.Ordinal))
        {
            return Build(StatusCode.InvalidArgument, patchError, ErrorReasons.BadRequest, target, status);
        }
        return FromStatus(code, status, RetryAfter(e.Response), target);
    }

    public static RpcException FromStatus(int code, V1Status? status, TimeSpan? retryAfter, ResourceTarget target)
    {
        var reason = status?.Reason ?? "";
        var message = status?.Message is { Length: > 0 } m ? m : $"the Kubernetes API server answered HTTP {code}";
        var retry = retryAfter ?? (status?.Details?.RetryAfterSeconds is { } s and > 0 ? TimeSpan.FromSeconds(s) : null);
        return (code, reason) switch
        {
            (413, _) => Build(StatusCode.ResourceExhausted, message, ErrorReasons.RequestTooLarge, target, status),
            // etcd refuses an object over its request limit; kube-apiserver passes that on as a 500 (kubernetes#112152).
            (500, _) when message.Contains(EtcdTooLarge, StringComparison.Ordinal) =>
                Build(StatusCode.ResourceExhausted, message, ErrorReasons.RequestTooLarge, target, status),
            (404, _) => Build(StatusCode.NotFound, message, ErrorReasons.NotFound, target, status, resourceInfo: true),
            (409, "AlreadyExists") => Build(StatusCode.AlreadyExists, message, ErrorReasons.AlreadyExists, target, status, resourceInfo: true),
            (409, _) => Build(StatusCode.Aborted, message, ErrorReasons.Conflict, target, status, violations: true),
            (422, _) => Build(StatusCode.InvalidArgument, message, ErrorReasons.Invalid, target, status, violations: true),
            (400, _) => Build(StatusCode.InvalidArgument, message, ErrorReasons.BadRequest, target, status, violations: true),
            (401, _) => Build(StatusCode.Unauthenticated, message, ErrorReasons.Unauthenticated, target, status),
            (403, _) => Build(StatusCode.PermissionDenied, message, ErrorReasons.Forbidden, target, status),
            (410, _) => Build(StatusCode.OutOfRange, message, ErrorReasons.ResourceVersionExpired, target, status),
            (429, _) => Build(StatusCode.ResourceExhausted, message, ErrorReasons.TooManyRequests, target, status, retry: retry ?? DefaultRetry),
            (504, _) => Build(StatusCode.DeadlineExceeded, message, ErrorReasons.Timeout, target, status, retry: retry ?? DefaultRetry),
            (500, "ServerTimeout") => Build(StatusCode.Unavailable, message, ErrorReasons.Timeout, target, status, retry: retry ?? DefaultRetry),
            (503, _) => Build(StatusCode.Unavailable, message, ErrorReasons.Unavailable, target, status, retry: retry ?? DefaultRetry),
            (405, _) => Build(StatusCode.Unimplemented, message, ErrorReasons.Unsupported, target, status),
            ( >= 400 and < 500, _) => Build(StatusCode.InvalidArgument, message, ErrorReasons.BadRequest, target, status, violations: true),
            // Other 5xx: the body may echo request data (tokens, Secret values); do not pass it on.
            _ => Build(StatusCode.Internal, $"the Kubernetes API server failed with HTTP {code}{(reason.Length > 0 ? " " + reason : "")}",
                ErrorReasons.Internal, target, status),
        };
    }

    private static RpcException InvalidPath(InvalidPathSegmentException e, ResourceTarget target) =>
        RichStatus.Create(StatusCode.InvalidArgument, $"invalid request: {e.Segment}: {string.Join("; ", e.Problems)}",
            RichStatus.Info(ErrorReasons.InvalidRequest, ("kind", target.Kind)),
            RichStatus.Violations([new BadRequest.Types.FieldViolation { Field = e.Segment, Description = string.Join("; ", e.Problems) }]));

    private static RpcException Unavailable(string message, ResourceTarget target) =>
        Build(StatusCode.Unavailable, message, ErrorReasons.Unavailable, target, null, retry: DefaultRetry);

    private static RpcException Unexpected(Exception exception, ResourceTarget target, ILogger logger)
    {
        KubernetesLog.KubernetesUnexpectedError(logger, exception);
        return Build(StatusCode.Internal, "the Kubernetes call failed unexpectedly", ErrorReasons.Internal, target, null);
    }

    private static RpcException Build(StatusCode code, string message, string reason, ResourceTarget target, V1Status? status,
        bool resourceInfo = false, bool violations = false, TimeSpan? retry = null)
    {
        var info = RichStatus.Info(reason, ("kind", target.Kind), ("namespace", target.Namespace), ("name", target.Name));
        if (status is not null)
        {
            info.Metadata.Add("kubernetes_reason", status.Reason ?? "");
            info.Metadata.Add("kubernetes_code", (status.Code ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var resource = resourceInfo
            ? new ResourceInfo { ResourceType = target.ResourceType, ResourceName = target.QualifiedName, Description = message }
            : null;
        var badRequest = violations && status?.Details?.Causes is { Count: > 0 } causes
            ? RichStatus.Violations(causes.Select(cause => new BadRequest.Types.FieldViolation
            {
                Field = cause.Field ?? "",
                Description = cause.Message ?? "",
                Reason = cause.Reason ?? "",
            }))
            : null;
        var retryInfo = retry is { } delay ? new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) } : null;
        return RichStatus.Create(code, message, info, resource, badRequest, retryInfo);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessageWrapper response) =>
        response.Headers.TryGetValue("Retry-After", out var values)
        && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
