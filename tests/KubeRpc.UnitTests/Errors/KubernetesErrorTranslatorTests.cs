using System.Net;
using System.Net.Sockets;
using Google.Rpc;
using Grpc.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Server.Grpc.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeRpc.UnitTests.Errors;

/// <summary>
/// The rows of docs/architecture.md's error table that the embedded cluster cannot produce (401, 403, 410, 504,
/// ServerTimeout, other 5xx, connection failures), and the edges of the translation (Retry-After header, bodies
/// that are not a Status). The rows the cluster can produce are covered end to end in KubeRpc.FunctionalTests.
/// </summary>
public sealed class KubernetesErrorTranslatorTests
{
    private static readonly ResourceTarget Target = new("Service", "v1/services", "default", "web");

    private static RpcException Translate(Exception e) => ErrorTranslator.Translate(e, Target, NullLogger.Instance);

    private static HttpOperationException Http(int code, string body, string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent(body) };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }
        return new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
        {
            Response = new HttpResponseMessageWrapper(response, body),
        };
    }

    /// <param name="details">The Status details object as JSON, if any.</param>
    private static string Status(int code, string reason, string message, string? details = null) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}",{{(details is null ? "" : $"\"details\":{details},")}}"code":{{code}}}""";

    private static ErrorInfo Info(RpcException e, StatusCode code, string reason)
    {
        Assert.Equal(code, e.StatusCode);
        var info = e.GetRpcStatus()?.GetDetail<ErrorInfo>() ?? throw new Xunit.Sdk.XunitException($"no ErrorInfo on {e.Status}");
        Assert.Equal("kuberpc.io", info.Domain);
        Assert.Equal(reason, info.Reason);
        Assert.Equal("Service", info.Metadata["kind"]);
        Assert.Equal("web", info.Metadata["name"]);
        return info;
    }

    private static TimeSpan? Retry(RpcException e) => e.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan();

    [Fact]
    public void Translate_Unauthorized401_Unauthenticated()
    {
        var e = Translate(Http(401, Status(401, "Unauthorized", "Unauthorized")));

        var info = Info(e, StatusCode.Unauthenticated, "UNAUTHENTICATED");
        Assert.Equal("Unauthorized", info.Metadata["kubernetes_reason"]);
        Assert.Null(Retry(e));
    }

    [Fact]
    public void Translate_Forbidden403_PermissionDeniedWithKubernetesMessage()
    {
        const string message = "services \\\"web\\\" is forbidden: User \\\"system:serviceaccount:kuberpc:default\\\" cannot delete resource \\\"services\\\"";
        var e = Translate(Http(403, Status(403, "Forbidden", message)));

        Info(e, StatusCode.PermissionDenied, "FORBIDDEN");
        Assert.StartsWith("services \"web\" is forbidden: User \"system:serviceaccount:kuberpc:default\"", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ExpiredContinue410_OutOfRangeWithResourceVersionExpired()
    {
        const string message = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";
        var e = Translate(Http(410, Status(410, "Expired", message)));

        var info = Info(e, StatusCode.OutOfRange, "RESOURCE_VERSION_EXPIRED");
        Assert.Equal("410", info.Metadata["kubernetes_code"]);
        Assert.Equal(message, e.Status.Detail);
    }

    [Fact]
    public void Translate_GatewayTimeout504_DeadlineExceededWithRetryInfo()
    {
        var e = Translate(Http(504, Status(504, "Timeout", "the server was unable to return a response in the time allotted")));

        Info(e, StatusCode.DeadlineExceeded, "TIMEOUT");
        Assert.Equal(TimeSpan.FromSeconds(1), Retry(e));
    }

    [Fact]
    public void Translate_ServerTimeout500_UnavailableWithRetryAfterFromDetails()
    {
        var e = Translate(Http(500, Status(500, "ServerTimeout", "The list operation against services could not be completed at this time, please try again.",
            """{"name":"list","kind":"services","retryAfterSeconds":2}""")));

        Info(e, StatusCode.Unavailable, "TIMEOUT");
        Assert.Equal(TimeSpan.FromSeconds(2), Retry(e));
    }

    [Fact]
    public void Translate_RetryAfterHeader_WinsOverDetails()
    {
        var e = Translate(Http(429, Status(429, "TooManyRequests", "Too many requests, please try again later.",
            """{"retryAfterSeconds":1}"""), retryAfter: "9"));

        Info(e, StatusCode.ResourceExhausted, "TOO_MANY_REQUESTS");
        Assert.Equal(TimeSpan.FromSeconds(9), Retry(e));
    }

    [Fact]
    public void Translate_BadGateway502WithSecretInBody_InternalWithScrubbedMessage()
    {
        const string secret = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9";
        var e = Translate(Http(502, Status(502, "InternalError", $"upstream rejected Authorization: {secret}")));

        Info(e, StatusCode.Internal, "KUBERNETES_INTERNAL_ERROR");
        Assert.Equal("the Kubernetes API server failed with HTTP 502 InternalError", e.Status.Detail);
        Assert.DoesNotContain("eyJhbGci", e.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ServiceUnavailableWithoutStatusBody_UnavailableByHttpCode()
    {
        var e = Translate(Http(503, "<html><body>503 Service Temporarily Unavailable</body></html>", retryAfter: "4"));

        var info = Info(e, StatusCode.Unavailable, "KUBERNETES_UNAVAILABLE");
        Assert.False(info.Metadata.ContainsKey("kubernetes_reason"));
        Assert.Equal(TimeSpan.FromSeconds(4), Retry(e));
        Assert.Equal("the Kubernetes API server answered HTTP 503", e.Status.Detail);
    }

    [Fact]
    public void Translate_ConnectionRefused_UnavailableWithRetryInfo()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused));

        var e = Translate(refused);

        Info(e, StatusCode.Unavailable, "KUBERNETES_UNAVAILABLE");
        Assert.NotNull(Retry(e));
        Assert.DoesNotContain("6443", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ConnectionReset_UnavailableWithRetryInfo()
    {
        var e = Translate(new IOException("Unable to read data from the transport connection: Connection reset by peer."));

        Info(e, StatusCode.Unavailable, "KUBERNETES_UNAVAILABLE");
        Assert.NotNull(Retry(e));
    }

    [Fact]
    public void Translate_ClientTimeout_DeadlineExceeded()
    {
        var e = Translate(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.",
            new TimeoutException()));

        Info(e, StatusCode.DeadlineExceeded, "TIMEOUT");
        Assert.NotNull(Retry(e));
    }

    [Fact]
    public void Translate_KubernetesExceptionFromWatch_ClassifiedByStatusCode()
    {
        var e = Translate(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version: 5 (120)" }));

        Info(e, StatusCode.OutOfRange, "RESOURCE_VERSION_EXPIRED");
        Assert.Equal("too old resource version: 5 (120)", e.Status.Detail);
    }

    [Fact]
    public void Translate_Invalid422_OneViolationPerCause()
    {
        var e = Translate(Http(422, Status(422, "Invalid", "Service \\\"web\\\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            """{"name":"web","kind":"Service","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 0: must be between 1 and 65535, inclusive","field":"spec.ports[0].port"},{"reason":"FieldValueRequired","message":"Required value","field":"spec.ports[1].name"}]}""")));

        Info(e, StatusCode.InvalidArgument, "INVALID");
        var violations = e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(["spec.ports[0].port", "spec.ports[1].name"], violations.Select(v => v.Field));
        Assert.Equal(["FieldValueInvalid", "FieldValueRequired"], violations.Select(v => v.Reason));
    }

    [Fact]
    public void Translate_UnexpectedException_InternalWithoutItsMessage()
    {
        var e = Translate(new InvalidOperationException("token=hunter2"));

        Info(e, StatusCode.Internal, "KUBERNETES_INTERNAL_ERROR");
        Assert.DoesNotContain("hunter2", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_RequestEntityTooLarge413_ResourceExhausted()
    {
        var e = Translate(Http(413, Status(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728")));

        Info(e, StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE");
        Assert.Null(Retry(e));
    }

    [Fact]
    public void Translate_EtcdRequestTooLarge500_ResourceExhausted()
    {
        var e = Translate(Http(500, Status(500, "", "etcdserver: request is too large")));

        Info(e, StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public void Translate_PlainErrorOfThePatchCode_InvalidArgument_ButOnlyForAPatch()
    {
        var body = Status(500, "", "list element types are not identical: [[80] [0 1 2]]");

        var patch = ErrorTranslator.Translate(Http(500, body), Target, NullLogger.Instance, sentPatch: true);
        var read = Translate(Http(500, body));
        var storage = ErrorTranslator.Translate(Http(500, Status(500, "", "etcdserver: leader changed")), Target,
            NullLogger.Instance, sentPatch: true);

        Info(patch, StatusCode.InvalidArgument, "BAD_REQUEST");
        Assert.StartsWith("list element types are not identical", patch.Status.Detail, StringComparison.Ordinal);
        Info(read, StatusCode.Internal, "KUBERNETES_INTERNAL_ERROR");
        Info(storage, StatusCode.Internal, "KUBERNETES_INTERNAL_ERROR");
    }

    [Fact]
    public void Translate_HugeMessageAndManyCauses_Bounded()
    {
        var causes = string.Join(",", Enumerable.Range(0, 300).Select(i =>
            $$"""{"reason":"FieldValueInvalid","message":"Invalid value: \"{{new string('v', 5000)}}\"","field":"metadata.labels[k{{i}}]"}"""));
        var e = Translate(Http(422, Status(422, "Invalid", new string('m', 100_000), $$"""{"name":"web","kind":"services","causes":[{{causes}}]}""")));

        Info(e, StatusCode.InvalidArgument, "INVALID");
        Assert.True(e.Status.Detail.Length < 600, $"{e.Status.Detail.Length}");
        var violations = e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(11, violations.Count);
        Assert.All(violations.Take(10), v => Assert.True(v.Description.Length < 300, $"{v.Description.Length}"));
        Assert.Equal("and 290 more violations, left out", violations[10].Description);
        Assert.True(e.Trailers.Sum(t => t.IsBinary ? t.ValueBytes.Length : t.Value.Length) < 8 * 1024);
    }

    [Fact]
    public void Translate_InvalidPathSegment_InvalidArgumentNamingTheSegment()
    {
        var e = Translate(new KubeRpc.Server.Kubernetes.InvalidPathSegmentException("name", ["may not be '..'"]));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violation = Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(("name", "may not be '..'"), (violation.Field, violation.Description));
    }
}
