using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Machinery.Text;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>
/// Builds every error KubeRpc returns: a <c>google.rpc.Status</c> with an <see cref="ErrorInfo"/> (domain
/// <see cref="ErrorReasons.Domain"/>) and further details, sent in the <c>grpc-status-details-bin</c> trailer. Its text
/// is bounded, so the trailers stay well under what clients accept (gRPC's C core rejects metadata beyond 8 KiB by
/// default) however much input or cluster text an error carries.
/// </summary>
internal static class RichStatus
{
    public const int MaxMessageLength = 512;
    public const int MaxViolations = 10;
    private const int MaxFieldLength = 128;
    private const int MaxDescriptionLength = 256;
    private const int MaxMetadataLength = 128;

    public static RpcException Create(StatusCode code, string message, ErrorInfo info, params IMessage?[] details)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Domain = ErrorReasons.Domain;
        foreach (var key in info.Metadata.Keys.ToList())
        {
            info.Metadata[key] = Excerpt.Of(info.Metadata[key], MaxMetadataLength);
        }
        var status = new Google.Rpc.Status { Code = (int)code, Message = Excerpt.Of(message, MaxMessageLength) };
        status.Details.Add(Any.Pack(info));
        foreach (var detail in details)
        {
            if (detail is not null)
            {
                status.Details.Add(Any.Pack(Bounded(detail)));
            }
        }
        return status.ToRpcException();
    }

    /// <summary>An ErrorInfo with <paramref name="reason"/> and metadata.</summary>
    public static ErrorInfo Info(string reason, params (string Key, string? Value)[] metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain };
        foreach (var (key, value) in metadata)
        {
            if (!string.IsNullOrEmpty(value))
            {
                info.Metadata[key] = value;
            }
        }
        return info;
    }

    /// <summary>A BadRequest of at most <see cref="MaxViolations"/> violations; the rest are counted in a last one.</summary>
    public static BadRequest Violations(IEnumerable<BadRequest.Types.FieldViolation> violations)
    {
        var all = violations.ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(all.Take(MaxViolations));
        if (all.Count > MaxViolations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Description = $"and {all.Count - MaxViolations} more violations, left out",
            });
        }
        return badRequest;
    }

    private static IMessage Bounded(IMessage detail)
    {
        switch (detail)
        {
            case BadRequest badRequest:
                var bounded = badRequest.FieldViolations.Count > MaxViolations + 1 ? Violations(badRequest.FieldViolations) : badRequest;
                foreach (var v in bounded.FieldViolations)
                {
                    v.Field = Excerpt.Of(v.Field, MaxFieldLength);
                    v.Description = Excerpt.Of(v.Description, MaxDescriptionLength);
                    v.Reason = Excerpt.Of(v.Reason, MaxMetadataLength);
                }
                return bounded;
            case ResourceInfo resource:
                resource.ResourceName = Excerpt.Of(resource.ResourceName, MaxFieldLength * 2);
                resource.Description = Excerpt.Of(resource.Description, MaxDescriptionLength);
                return resource;
            default:
                return detail;
        }
    }
}
