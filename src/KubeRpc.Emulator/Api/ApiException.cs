using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Api;

/// <summary>
/// A failure the emulator answers with a <c>Status</c> body: HTTP code, reason (e.g. <c>NotFound</c>,
/// <c>Invalid</c>, <c>BadRequest</c>) and message exactly as kube-apiserver would write them.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, StatusDetailsInfo? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The HTTP status code and <c>Status.code</c>.</summary>
    public int Code { get; }

    /// <summary><c>Status.reason</c>; empty for a plain 500 or 400 without reason.</summary>
    public string Reason { get; }

    /// <summary><c>Status.details</c>, when there are any.</summary>
    public StatusDetailsInfo? Details { get; }

    /// <summary>Extra response headers (e.g. Retry-After).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>400 BadRequest with the given message.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>422 Invalid: <c>Kind.group "name" is invalid: [errors]</c>, one cause per error.</summary>
    public static ApiException Invalid(string groupKind, string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        // ErrorList.ToAggregate drops repeated messages from the text; the causes keep every error.
        var distinct = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var joined = distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
        var message = $"{groupKind} {FieldError.Quote(name)} is invalid: {joined}";
        var causes = errors.Select(e => new StatusCauseInfo(e.Reason, e.Body, e.Field)).ToList();
        return new ApiException(422, "Invalid", message, new StatusDetailsInfo(name, group, kind, null, causes));
    }
}

/// <summary><c>Status.details</c>.</summary>
public sealed record StatusDetailsInfo(string? Name, string? Group, string? Kind, string? Uid, IReadOnlyList<StatusCauseInfo>? Causes, int? RetryAfterSeconds = null);

/// <summary>One <c>Status.details.causes</c> entry; <c>reason</c> is written as the JSON key <c>reason</c>.</summary>
public sealed record StatusCauseInfo(string Reason, string Message, string? Field);
