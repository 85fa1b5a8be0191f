using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Selection;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Validation;

/// <summary>
/// Judges what can be judged without the cluster (missing names, selectors, page sizes, patch syntax, enum values)
/// and answers INVALID_ARGUMENT with one BadRequest field violation per problem, before any Kubernetes call.
/// Field paths are the request's proto fields (e.g. <c>service.metadata.name</c>).
/// </summary>
internal sealed class RequestValidator
{
    private readonly BadRequest _violations = new();

    public bool IsValid => _violations.FieldViolations.Count == 0;

    public RequestValidator Add(string field, string description)
    {
        _violations.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    public RequestValidator Required(string field, string? value) =>
        string.IsNullOrEmpty(value) ? Add(field, "is required") : this;

    public RequestValidator NotNegative(string field, int value) =>
        value < 0 ? Add(field, $"must not be negative, got {value}") : this;

    /// <summary>A label selector in Kubernetes syntax (parsed by the same parser the embedded cluster uses).</summary>
    public RequestValidator LabelSelectorSyntax(string field, string? value) => Parse(field, value, v => LabelSelector.Parse(v));

    /// <summary>A field selector in Kubernetes syntax; which fields a kind supports is the cluster's call.</summary>
    public RequestValidator FieldSelectorSyntax(string field, string? value) => Parse(field, value, v => FieldSelector.Parse(v));

    /// <summary>A JSON document whose top level is <paramref name="expected"/> (an object or an array).</summary>
    public RequestValidator Json(string field, string? value, JsonValueKind expected, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Add(field, "is required");
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != expected)
            {
                return Add(field, $"must be {what}, got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
        catch (JsonException e)
        {
            return Add(field, $"is not valid JSON: {e.Message}");
        }
        return this;
    }

    /// <summary>Read options with a known consistency.</summary>
    public RequestValidator ReadOptions(KubeRpc.V1.ReadOptions? options) =>
        options is null || System.Enum.IsDefined(options.Consistency)
            ? this
            : Add("read_options.consistency", $"unknown value {(int)options.Consistency}");

    public void ThrowIfInvalid()
    {
        if (IsValid)
        {
            return;
        }
        var summary = string.Join("; ", _violations.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        var status = new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = "invalid request: " + summary };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = ErrorReasons.InvalidRequest, Domain = ErrorReasons.Domain }));
        status.Details.Add(Any.Pack(_violations));
        throw status.ToRpcException();
    }

    private RequestValidator Parse(string field, string? value, Action<string> parse)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }
        try
        {
            parse(value);
        }
        catch (ApiException e)
        {
            Add(field, e.Message);
        }
        return this;
    }
}
