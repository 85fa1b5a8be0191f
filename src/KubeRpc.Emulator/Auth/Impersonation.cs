using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>
/// kube-apiserver's impersonation filter (apiserver endpoints/filters impersonation.go): the <c>Impersonate-User</c>,
/// <c>-Group</c>, <c>-Extra-*</c> and <c>-Uid</c> headers each need the <c>impersonate</c> verb on users (or, for
/// <c>system:serviceaccount:ns:name</c>, serviceaccounts in that namespace), groups, userextras/&lt;key&gt; or uids; then the
/// request goes on as the user they describe.
/// </summary>
internal static class Impersonation
{
    private const string UserHeader = "Impersonate-User";
    private const string GroupHeader = "Impersonate-Group";
    private const string UidHeader = "Impersonate-Uid";
    private const string ExtraPrefix = "Impersonate-Extra-";
    private const string AuthenticationGroup = "authentication.k8s.io";

    /// <summary>The user the request acts as: <paramref name="requester"/> itself when it impersonates nobody.</summary>
    /// <exception cref="ApiException">400 for groups, extras or a uid without a user; 403 for what the requester may not impersonate.</exception>
    public static UserInfo Apply(ApiRequest request, UserInfo requester, IAuthorizer authorizer)
    {
        var wanted = Requests(request.Impersonation);
        if (wanted.Count == 0)
        {
            return requester;
        }
        if (wanted[0].Kind is not ("User" or "ServiceAccount"))
        {
            throw ApiException.BadRequest($"requested [{string.Join(" ", wanted.Select(w => w.GoValue))}] without impersonating a user");
        }
        var groupsSpecified = wanted.Any(w => w.Kind == "Group");
        var username = "";
        var uid = "";
        var groups = new List<string>();
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var w in wanted)
        {
            var attributes = w.Kind switch
            {
                "ServiceAccount" => Check("serviceaccounts", "", w.Namespace, w.Name),
                "User" => Check("users", "", "", w.Name),
                "Group" => Check("groups", "", "", w.Name),
                "UserExtra" => Check("userextras", AuthenticationGroup, "", w.Name, w.FieldPath),
                _ => Check("uids", AuthenticationGroup, "", w.Name),
            };
            switch (w.Kind)
            {
                case "ServiceAccount":
                    username = ServiceAccountUsername.Make(w.Namespace, w.Name);
                    if (!groupsSpecified)
                    {
                        groups = [.. ServiceAccountUsername.Groups(w.Namespace)];
                    }
                    break;
                case "User":
                    username = w.Name;
                    break;
                case "Group":
                    groups.Add(w.Name);
                    break;
                case "UserExtra":
                    (extra.TryGetValue(w.FieldPath, out var values) ? values : extra[w.FieldPath] = []).Add(w.Name);
                    break;
                default:
                    uid = w.Name;
                    break;
            }
            var (decision, reason) = authorizer.Authorize(requester, attributes);
            if (decision != Decision.Allow)
            {
                throw attributes.Forbidden(requester.Name, reason);
            }
        }
        AddAllGroup(username, groups);
        return new UserInfo(username, uid, groups, extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// A non-anonymous user gets system:authenticated unless system:authenticated or system:unauthenticated was asked
    /// for; system:anonymous gets system:unauthenticated.
    /// </summary>
    private static void AddAllGroup(string username, List<string> groups)
    {
        if (username != UserInfo.Anonymous.Name)
        {
            if (!groups.Contains(UserInfo.AuthenticatedGroup) && !groups.Contains(UserInfo.UnauthenticatedGroup))
            {
                groups.Add(UserInfo.AuthenticatedGroup);
            }
        }
        else if (!groups.Contains(UserInfo.UnauthenticatedGroup))
        {
            groups.Add(UserInfo.UnauthenticatedGroup);
        }
    }

    private static RequestAttributes Check(string resource, string group, string ns, string name, string subresource = "") =>
        new(true, "impersonate", "", group, ns, resource, subresource, name);

    /// <summary>buildImpersonationRequests: the user (or service account), each group, each extra value, then the uid.</summary>
    private static List<Wanted> Requests(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var result = new List<Wanted>();
        var user = headers.FirstOrDefault(h => Is(h.Key, UserHeader)).Value ?? "";
        if (user.Length > 0)
        {
            result.Add(ServiceAccountUsername.TrySplit(user, out var ns, out var name) ? new("ServiceAccount", ns, name) : new("User", "", user));
        }
        result.AddRange(headers.Where(h => Is(h.Key, GroupHeader)).Select(h => new Wanted("Group", "", h.Value)));
        foreach (var (header, value) in headers.Where(h => h.Key.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            result.Add(new Wanted("UserExtra", "", value, AuthenticationGroup + "/v1", UnescapeExtraKey(header[ExtraPrefix.Length..].ToLowerInvariant())));
        }
        var uid = headers.FirstOrDefault(h => Is(h.Key, UidHeader)).Value ?? "";
        if (uid.Length > 0)
        {
            result.Add(new Wanted("UID", "", uid, AuthenticationGroup + "/v1"));
        }
        return result;
    }

    private static bool Is(string header, string name) => string.Equals(header, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>url.PathUnescape of an extra key; a malformed escape keeps the key as sent.</summary>
    private static string UnescapeExtraKey(string key)
    {
        for (var i = key.IndexOf('%', StringComparison.Ordinal); i >= 0; i = key.IndexOf('%', i + 1))
        {
            if (i + 2 >= key.Length || !Uri.IsHexDigit(key[i + 1]) || !Uri.IsHexDigit(key[i + 2]))
            {
                return key;
            }
        }
        return Uri.UnescapeDataString(key);
    }

    /// <summary>One thing to impersonate, a v1.ObjectReference in Go.</summary>
    private sealed record Wanted(string Kind, string Namespace, string Name, string ApiVersion = "", string FieldPath = "")
    {
        /// <summary>Go's <c>%v</c> of the ObjectReference: its seven fields space-separated in braces.</summary>
        public string GoValue => $"{{{Kind} {Namespace} {Name}  {ApiVersion}  {FieldPath}}}";
    }
}
