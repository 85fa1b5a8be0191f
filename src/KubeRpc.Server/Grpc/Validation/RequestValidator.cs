using System.Text.Json;
using Google.Rpc;
using KubeRpc.Machinery.Selection;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Grpc.Validation;

/// <summary>
/// Judges what can be judged without the cluster (names that cannot be put into a path, selectors, page sizes, patch
/// syntax, enum values, sizes) and answers INVALID_ARGUMENT with one BadRequest field violation per problem, before any
/// Kubernetes call. Field paths are the request's proto fields (e.g. <c>service.metadata.name</c>); a value is quoted
/// only as an <see cref="Excerpt"/>.
/// </summary>
internal sealed class RequestValidator(RequestLimits? limits = null)
{
    private readonly RequestLimits _limits = limits ?? new RequestLimits();
    private List<BadRequest.Types.FieldViolation>? _violations;

    public bool IsValid => _violations is null;

    public RequestValidator Add(string field, string description)
    {
        (_violations ??= []).Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    public RequestValidator Required(string field, string? value) =>
        string.IsNullOrEmpty(value) ? Add(field, "is required") : this;

    /// <summary>A namespace that goes into a request path (kube-apiserver's path segment rule, and a namespace's length).</summary>
    public RequestValidator Namespace(string field, string? value, bool optional = false) =>
        Segment(field, value, PathSegments.MaxNamespaceLength, optional);

    /// <summary>An object name that goes into a request path.</summary>
    public RequestValidator Name(string field, string? value) => Segment(field, value, PathSegments.MaxNameLength, optional: false);

    public RequestValidator NotNegative(string field, int value) =>
        value < 0 ? Add(field, $"must not be negative, got {value}") : this;

    /// <summary>A label selector in Kubernetes syntax (parsed by the same parser the embedded cluster uses), within the limits.</summary>
    public RequestValidator LabelSelectorSyntax(string field, string? value) =>
        Selector(field, value, v => LabelSelector.Parse(v).Requirements.Count);

    /// <summary>A field selector in Kubernetes syntax, within the limits; which fields a kind supports is the cluster's call.</summary>
    public RequestValidator FieldSelectorSyntax(string field, string? value) =>
        Selector(field, value, v => FieldSelector.Parse(v).Requirements.Count);

    /// <summary>A JSON document whose top level is <paramref name="expected"/> (an object or an array), no deeper than the limit.</summary>
    public RequestValidator Json(string field, string? value, JsonValueKind expected, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Add(field, "is required");
        }
        var maxDepth = _limits.MaxPatchDepth;
        // One more level than allowed, so a document just too deep is reported as such rather than as a reader error.
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(value), new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        JsonTokenType? top = null;
        try
        {
            while (reader.Read())
            {
                top ??= reader.TokenType;
                if (reader.CurrentDepth >= maxDepth)
                {
                    return Add(field, $"nests deeper than {maxDepth} levels");
                }
            }
        }
        catch (JsonException e)
        {
            // The reader's message names a position, never the content.
            return Add(field, $"is not valid JSON: {e.Message}");
        }
        var kind = top switch
        {
            JsonTokenType.StartObject => JsonValueKind.Object,
            JsonTokenType.StartArray => JsonValueKind.Array,
            JsonTokenType.String => JsonValueKind.String,
            JsonTokenType.Number => JsonValueKind.Number,
            JsonTokenType.True => JsonValueKind.True,
            JsonTokenType.False => JsonValueKind.False,
            _ => JsonValueKind.Null,
        };
        return kind == expected ? this : Add(field, $"must be {what}, got a JSON {kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>Read options with a known consistency.</summary>
    public RequestValidator ReadOptions(KubeRpc.V1.ReadOptions? options) =>
        options is null || System.Enum.IsDefined(options.Consistency)
            ? this
            : Add("read_options.consistency", $"unknown value {(int)options.Consistency}");

    public void ThrowIfInvalid()
    {
        if (_violations is null)
        {
            return;
        }
        throw RequestStatuses.Invalid(_violations);
    }

    private RequestValidator Segment(string field, string? value, int maxLength, bool optional)
    {
        if (optional && string.IsNullOrEmpty(value))
        {
            return this;
        }
        var problems = PathSegments.Problems(value, maxLength);
        return problems.Count == 0 ? this : Add(field, string.Join("; ", problems));
    }

    private RequestValidator Selector(string field, string? value, Func<string, int> parse)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }
        if (value.Length > _limits.MaxSelectorLength)
        {
            // Before parsing: the parser's work and its message both grow with the text.
            return Add(field, $"Too long: may not be more than {_limits.MaxSelectorLength} characters");
        }
        try
        {
            var requirements = parse(value);
            if (requirements > _limits.MaxSelectorRequirements)
            {
                Add(field, $"Too many: {requirements}: must have at most {_limits.MaxSelectorRequirements} requirements");
            }
        }
        catch (SelectorSyntaxException e)
        {
            Add(field, e.Message);
        }
        return this;
    }
}
