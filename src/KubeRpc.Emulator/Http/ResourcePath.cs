namespace KubeRpc.Emulator.Http;

/// <summary>
/// A resource URL taken apart the way kube-apiserver's RequestInfoFactory does:
/// <c>/api/v1[/watch]/namespaces/{ns}/{resource}[/{name}[/{subresource}]]</c> or the cluster-wide form.
/// </summary>
internal sealed record ResourcePath(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, bool LegacyWatch)
{
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    /// <summary>Parses a path; null when it is not under /api/v1 or /apis/{group}/{version} or names no resource.</summary>
    public static ResourcePath? TryParse(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group, version;
        int i;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, i) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, i) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }
        var watch = false;
        if (parts[i] == "watch")
        {
            watch = true;
            i++;
        }
        var rest = parts.AsSpan(i);
        string? ns = null;
        if (rest.Length > 0 && rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
            else
            {
                ns = null; // the namespace object itself: /namespaces/{name}[/status|/finalize]
            }
        }
        if (rest.Length is 0 or > 3 || rest[0].Length == 0)
        {
            return null;
        }
        return new ResourcePath(group, version, ns, rest[0], rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null, watch);
    }
}
