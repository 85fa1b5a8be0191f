using System.Globalization;
using Google.Rpc;
using Grpc.Core;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>The statuses of requests refused before any Kubernetes call: invalid fields, undecodable bytes, too large.</summary>
internal static class RequestStatuses
{
    /// <summary>INVALID_ARGUMENT with one BadRequest field violation per problem; the message summarises the first few.</summary>
    public static RpcException Invalid(IReadOnlyList<BadRequest.Types.FieldViolation> violations)
    {
        var summary = string.Join("; ", violations.Take(RichStatus.MaxViolations).Select(v => $"{v.Field}: {v.Description}"));
        return RichStatus.Create(StatusCode.InvalidArgument, "invalid request: " + summary, RichStatus.Info(ErrorReasons.InvalidRequest),
            RichStatus.Violations(violations));
    }

    /// <summary>INVALID_ARGUMENT for bytes that are not the request message; <paramref name="problem"/> never quotes them.</summary>
    public static RpcException Malformed(string messageName, string messageType, string problem) =>
        RichStatus.Create(StatusCode.InvalidArgument, $"the request is not a valid {messageName} message: {problem}",
            RichStatus.Info(ErrorReasons.MalformedRequest, ("message_type", messageType)));

    /// <summary>RESOURCE_EXHAUSTED, as kube-apiserver's 413 for a request body above its limit.</summary>
    public static RpcException TooLarge(int limit, string what, long? length = null) =>
        RichStatus.Create(StatusCode.ResourceExhausted,
            length is { } l ? $"the {what} is {l} bytes; the limit is {limit}" : $"the {what} exceeds the limit of {limit} bytes",
            RichStatus.Info(ErrorReasons.RequestTooLarge, ("limit_bytes", limit.ToString(CultureInfo.InvariantCulture))));
}
