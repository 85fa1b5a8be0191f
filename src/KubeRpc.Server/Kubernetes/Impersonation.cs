namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The identity a request to the API server is sent as (<c>Impersonate-User</c>, <c>Impersonate-Group</c>), so that the
/// cluster's RBAC, admission and audit see the caller rather than KubeRpc.
/// </summary>
/// <remarks>
/// Only user and groups: they are all RBAC decides on, and forwarding a uid or extras would take <c>impersonate</c> on
/// <c>uids</c> and <c>userextras/*</c> as well, which KubeRpc's role does not grant.
/// </remarks>
internal sealed record Impersonation
{
    private Impersonation(string user, IReadOnlyList<string> groups) => (User, Groups) = (user, groups);

    public string User { get; }

    public IReadOnlyList<string> Groups { get; }

    /// <summary>The impersonation of a user and groups; null when a value cannot travel in an HTTP header (control or non-ASCII characters).</summary>
    public static Impersonation? Of(string user, IEnumerable<string> groups)
    {
        List<string> list = [.. groups];
        return user.Length > 0 && Carriable(user) && list.TrueForAll(Carriable) ? new Impersonation(user, list) : null;
    }

    public void AddTo(HttpRequestMessage request)
    {
        request.Headers.Add("Impersonate-User", User);
        foreach (var group in Groups)
        {
            request.Headers.Add("Impersonate-Group", group);
        }
    }

    /// <summary>Visible ASCII and spaces, not at either end (HTTP would trim them): what a header carries unchanged.</summary>
    private static bool Carriable(string value) =>
        value.Length is > 0 and <= 1024 && value[0] != ' ' && value[^1] != ' ' && value.All(c => c is >= ' ' and <= '~');
}
