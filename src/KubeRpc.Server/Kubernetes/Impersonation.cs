namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The identity a request to the API server is sent as (<c>Impersonate-User</c>, <c>Impersonate-Group</c>), so that the
/// cluster's RBAC, admission and audit see the caller rather than KubeRpc.
/// </summary>
/// <remarks>
/// <para>Only user and groups: they are all RBAC decides on, and forwarding a uid or extras would take <c>impersonate</c>
/// on <c>uids</c> and <c>userextras/*</c> as well, which KubeRpc's role does not grant.</para>
/// <para>kube-apiserver reads each <c>Impersonate-Group</c> header line as one group, but HttpClient joins the values of a
/// header into one line (<c>a, b</c>), which the API server would take for a single group. So only groups the API
/// server would not add by itself are sent, and at most one: it gives a service account its own groups when none are
/// named, and every user <c>system:authenticated</c>. A caller with more groups than that cannot be impersonated.</para>
/// </remarks>
internal sealed record Impersonation
{
    private const string AuthenticatedGroup = "system:authenticated";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    private Impersonation(string user, string? group) => (User, Group) = (user, group);

    public string User { get; }

    /// <summary>The one group sent besides those the API server adds; null for none.</summary>
    public string? Group { get; }

    /// <summary>The impersonation of a user and groups, or null with the reason it cannot be sent.</summary>
    public static Impersonation? Of(string user, IReadOnlyList<string> groups, out string? problem)
    {
        List<string> named = [.. groups.Where(g => g != AuthenticatedGroup && !ImpliedForServiceAccount(user, g))];
        problem = user.Length == 0 ? "it has no user name"
            : !Carriable(user) || !named.TrueForAll(Carriable) ? "its user or group names hold characters an HTTP header cannot carry"
            : named.Count > 1 ? $"it has {named.Count} groups beyond those the API server adds, and one header line can carry only one"
            : null;
        return problem is null ? new Impersonation(user, named.Count == 1 ? named[0] : null) : null;
    }

    public void AddTo(HttpRequestMessage request)
    {
        request.Headers.Add("Impersonate-User", User);
        if (Group is not null)
        {
            request.Headers.Add("Impersonate-Group", Group);
        }
    }

    /// <summary>The groups kube-apiserver gives an impersonated service account when none are named.</summary>
    private static bool ImpliedForServiceAccount(string user, string group)
    {
        if (!user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) || user.AsSpan(ServiceAccountPrefix.Length).IndexOf(':') is not (> 0 and var colon))
        {
            return false;
        }
        var ns = user.AsSpan(ServiceAccountPrefix.Length, colon);
        return group == "system:serviceaccounts" || (group.StartsWith("system:serviceaccounts:", StringComparison.Ordinal)
            && group.AsSpan("system:serviceaccounts:".Length).SequenceEqual(ns));
    }

    /// <summary>Visible ASCII and spaces, not at either end (HTTP would trim them): what a header carries unchanged.</summary>
    private static bool Carriable(string value) =>
        value.Length is > 0 and <= 1024 && value[0] != ' ' && value[^1] != ' ' && value.All(c => c is >= ' ' and <= '~');
}
