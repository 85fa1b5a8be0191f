namespace KubeRpc.Server.Kubernetes;

/// <summary>A namespace or name that cannot be put into a request path (see <see cref="PathSegments"/>).</summary>
internal sealed class InvalidPathSegmentException(string segment, IReadOnlyList<string> problems)
    : ArgumentException($"{segment}: {string.Join("; ", problems)}")
{
    /// <summary><c>namespace</c> or <c>name</c>.</summary>
    public string Segment { get; } = segment;

    public IReadOnlyList<string> Problems { get; } = problems;
}
