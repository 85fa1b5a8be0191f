namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// kube-apiserver's rule for a name that goes into a URL path (apimachinery <c>path.IsValidPathSegmentName</c>, worded
/// as it words it), with the longest name Kubernetes can hold. A value that fails it can name no object, so KubeRpc
/// refuses it before any call instead of letting it change the path: <c>..</c> climbs out of the collection, and
/// <c>/</c> or <c>%</c> would become separators once the API server unescapes the path.
/// </summary>
internal static class PathSegments
{
    /// <summary>The longest object name of any kind (a DNS-1123 subdomain).</summary>
    public const int MaxNameLength = 253;

    /// <summary>The longest namespace name (a DNS-1123 label).</summary>
    public const int MaxNamespaceLength = 63;

    /// <summary>What is wrong with <paramref name="value"/> as a path segment; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(string? value, int maxLength)
    {
        // Every Get and List asks: the usual, valid value costs no allocation.
        if (value is { Length: > 2 } && value.Length <= maxLength && value.AsSpan().IndexOfAny('/', '%') < 0)
        {
            return [];
        }
        if (string.IsNullOrEmpty(value))
        {
            return ["is required"];
        }
        if (value is "." or "..")
        {
            return [$"may not be '{value}'"];
        }
        var problems = new List<string>(2);
        if (value.Contains('/', StringComparison.Ordinal))
        {
            problems.Add("may not contain '/'");
        }
        if (value.Contains('%', StringComparison.Ordinal))
        {
            problems.Add("may not contain '%'");
        }
        if (value.Length > maxLength)
        {
            problems.Add($"must be no more than {maxLength} characters");
        }
        return problems;
    }
}
